// Type-ahead under a search box (the ARIA 1.2 combobox pattern with a listbox popup).
// A box opts in with data-typeahead="<url of search/suggest.json>" and aria-controls naming
// its <ul role="listbox">. From two letters, titles of public items are offered; arrow keys
// move through them (aria-activedescendant), Enter or a click opens one, Escape closes the
// list, and Enter without a chosen title submits the search as usual.
(function () {
  "use strict";
  const WAIT_MS = 150;
  const FROM_LETTERS = 2;

  function setUp(box) {
    const list = document.getElementById(box.getAttribute("aria-controls"));
    const status = document.getElementById(box.dataset.typeaheadStatus);
    if (!list) {
      return;
    }
    let timer = null;
    let pending = null;
    let active = -1;

    function options() {
      return Array.from(list.querySelectorAll("[role=option]"));
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      const all = options();
      all.forEach(function (option, n) {
        option.setAttribute("aria-selected", n === index ? "true" : "false");
        option.classList.toggle("active", n === index);
      });
      active = index;
      if (index >= 0) {
        box.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        box.removeAttribute("aria-activedescendant");
      }
    }

    function show(items) {
      list.replaceChildren();
      items.forEach(function (item, n) {
        const option = document.createElement("li");
        option.id = list.id + "-" + n;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "typeahead-option";
        option.dataset.url = item.url;
        option.textContent = item.title;
        list.appendChild(option);
      });
      active = -1;
      list.hidden = items.length === 0;
      box.setAttribute("aria-expanded", items.length ? "true" : "false");
      if (status) {
        status.textContent = items.length
          ? status.dataset.template.replace("%(num)s", String(items.length)) : "";
      }
    }

    function ask() {
      const text = box.value.trim();
      if (text.length < FROM_LETTERS) {
        close();
        return;
      }
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      const url = new URL(box.dataset.typeahead, window.location.href);
      url.searchParams.set("q", text);
      fetch(url, { signal: pending.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (data) {
          if (box.value.trim() === text) {
            show(data.items || []);
          }
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            close();
          }
        });
    }

    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT_MS);
    });

    box.addEventListener("keydown", function (event) {
      const count = options().length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        choose(active + 1 >= count ? 0 : active + 1);
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        choose(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(options()[active].dataset.url);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });

    box.addEventListener("blur", function () {
      // After a click on an option has been handled (mousedown keeps the focus).
      setTimeout(close, 150);
    });

    list.addEventListener("mousedown", function (event) {
      event.preventDefault();  // the box keeps the focus
      const option = event.target.closest("[role=option]");
      if (option) {
        window.location.assign(option.dataset.url);
      }
    });
  }

  function start() {
    document.querySelectorAll("input[data-typeahead]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
