// Progressive enhancement: every page works without this file.
(function () {
  "use strict";

  // Keyboard: "/" jumps to the search box (unless already typing somewhere).
  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("q");
    if (event.key === "/" && box && document.activeElement !== box &&
        !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  // Compare without diacritics or case ("le" finds "Lê"; "d" finds "đ").
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase();
  }

  // A facet's filter box narrows its list (and the values behind "show more").
  document.querySelectorAll(".facet-filter").forEach(function (input) {
    input.hidden = false;
    var section = input.closest(".facet");
    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim());
      var more = section.querySelector("details.more");
      if (wanted && more) { more.open = true; }
      section.querySelectorAll("li").forEach(function (li) {
        li.hidden = wanted !== "" && fold(li.textContent).indexOf(wanted) < 0;
      });
    });
  });

  // Copy the page's link (the search with its filters) to the clipboard.
  document.querySelectorAll(".copy-link").forEach(function (button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(window.location.href).then(function () {
        button.textContent = button.dataset.copied;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

  // Autocomplete on the search box: officials, agencies, news sources and
  // phrases from /api/suggest, as an ARIA combobox (arrows, Enter, Escape).
  var box = document.getElementById("q");
  if (!box || !window.fetch) { return; }
  var form = box.form;
  var list = document.createElement("ul");
  list.id = "q-suggestions";
  list.className = "suggest-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", box.dataset.suggestLabel || "Suggestions");
  list.hidden = true;
  form.classList.add("has-suggest");
  form.appendChild(list);
  box.setAttribute("role", "combobox");
  box.setAttribute("aria-autocomplete", "list");
  box.setAttribute("aria-expanded", "false");
  box.setAttribute("aria-controls", list.id);
  var active = -1, pending = null, lastAsked = "";

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    active = -1;
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var all = options();
    if (!all.length) { return; }
    active = (index + all.length) % all.length;
    all.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
    box.setAttribute("aria-activedescendant", all[active].id);
  }

  function choose(li) {
    box.value = li.dataset.value;
    close();
    form.submit();
  }

  function show(items) {
    list.innerHTML = "";
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = "q-suggestion-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.value = item.text;
      var text = document.createElement("span");
      text.textContent = item.text;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = (box.dataset["kind" + item.kind.charAt(0).toUpperCase() + item.kind.slice(1)] || item.kind);
      li.appendChild(text);
      li.appendChild(kind);
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(li); });
      list.appendChild(li);
    });
    var open = items.length > 0;
    list.hidden = !open;
    box.setAttribute("aria-expanded", open ? "true" : "false");
    active = -1;
  }

  function ask() {
    var text = box.value;
    if (text.trim().length < 2 || text === lastAsked) {
      if (text.trim().length < 2) { close(); }
      return;
    }
    lastAsked = text;
    fetch("/api/suggest?limit=8&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (box.value === text) { show(data.suggestions || []); } })
      .catch(function () { close(); });
  }

  box.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(ask, 120);
  });
  box.addEventListener("keydown", function (event) {
    if (list.hidden) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(options()[active]); }
  });
  box.addEventListener("blur", function () { setTimeout(close, 150); });
})();
