// Searchable pickers (core/widgets.py Picker): htmx fetches the matches into the listbox;
// this script turns a match into a chip (a hidden checked checkbox carrying the form value,
// with a × button), lets the keyboard move through the matches, and removes chips.
(function () {
  "use strict";

  function pickerOf(el) { return el.closest("[data-picker]"); }
  function searchOf(picker) { return picker.querySelector(".picker-search"); }
  function matches(picker) { return Array.from(picker.querySelectorAll("[role=option]")); }
  function chosenValues(picker) {
    return new Set(Array.from(picker.querySelectorAll(".chip input")).map((box) => box.value));
  }

  function decorate(chip) {
    const name = chip.textContent.trim();
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "chip-remove";
    remove.textContent = "×";
    remove.setAttribute("aria-label", "移除" + name);
    chip.append(remove);
  }

  function activate(picker, option) {
    const search = searchOf(picker);
    matches(picker).forEach((o) => o.setAttribute("aria-selected", String(o === option)));
    if (option) {
      search.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      search.removeAttribute("aria-activedescendant");
    }
  }

  function close(picker) {
    picker.querySelector(".picker-options").replaceChildren();
    searchOf(picker).setAttribute("aria-expanded", "false");
    activate(picker, null);
  }

  function choose(picker, option) {
    const chip = document.createElement("li");
    const label = document.createElement("label");
    const box = document.createElement("input");
    chip.className = "chip";
    box.type = "checkbox";
    box.name = picker.dataset.name;
    box.value = option.dataset.value;
    box.checked = true;
    label.append(box, option.dataset.label);
    chip.append(label);
    decorate(chip);
    picker.querySelector(".chips").append(chip);
    const search = searchOf(picker);
    search.value = "";
    close(picker);
    search.focus();
  }

  function move(picker, step) {
    const options = matches(picker);
    if (!options.length) return;
    const current = options.findIndex((o) => o.getAttribute("aria-selected") === "true");
    const next = (current + step + options.length) % options.length;
    activate(picker, options[current < 0 && step < 0 ? options.length - 1 : next]);
  }

  function onKey(event) {
    const picker = event.target.classList.contains("picker-search") && pickerOf(event.target);
    if (!picker) return;
    const active = picker.querySelector("[role=option][aria-selected=true]");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(picker, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      // Enter picks; it must never submit the whole proposal half-written.
      event.preventDefault();
      if (active) choose(picker, active);
    } else if (event.key === "Escape") {
      close(picker);
    } else if (event.key === "Backspace" && !event.target.value) {
      const last = picker.querySelector(".chip:last-child");
      if (last) last.remove();
    }
  }

  function onClick(event) {
    const remove = event.target.closest(".chip-remove");
    if (remove) {
      const picker = pickerOf(remove);
      remove.closest(".chip").remove();
      searchOf(picker).focus();
      return;
    }
    const option = event.target.closest("[data-picker] [role=option]");
    if (option) choose(pickerOf(option), option);
  }

  function onInput(event) {
    // The matches shown are for the text before this keystroke: drop them until the search
    // answers, so that a quick Enter never picks a stale match.
    if (event.target.classList.contains("picker-search")) close(pickerOf(event.target));
  }

  function onBeforeSwap(event) {
    // An answer for older text (say the list fetched on focus) must not replace the matches.
    const list = event.detail.target;
    if (!list.classList.contains("picker-options")) return;
    const asked = new URL(event.detail.xhr.responseURL).searchParams.get("q") || "";
    if (asked.trim() !== searchOf(pickerOf(list)).value.trim()) event.detail.shouldSwap = false;
  }

  function onSwap(event) {
    const list = event.detail.target;
    if (!list.classList.contains("picker-options")) return;
    const picker = pickerOf(list);
    const chosen = chosenValues(picker);
    matches(picker).forEach((option, index) => {
      if (chosen.has(option.dataset.value)) option.remove();
      else option.id = list.id + "-" + index;
    });
    searchOf(picker).setAttribute("aria-expanded", "true");
    activate(picker, matches(picker)[0] || null);
  }

  function start() {
    document.querySelectorAll("[data-picker]").forEach((picker) => {
      picker.classList.add("is-live");
      searchOf(picker).hidden = false;
      picker.querySelectorAll(".chip").forEach(decorate);
    });
  }

  document.addEventListener("keydown", onKey);
  document.addEventListener("click", onClick);
  document.addEventListener("input", onInput);
  document.addEventListener("htmx:beforeSwap", onBeforeSwap);
  document.addEventListener("htmx:afterSwap", onSwap);
  start();
})();
