// No edit is lost without a word, on every admin page (loaded by templates/admin/base_site.html before
// admin-idle-warning.js, which asks this script whether a form holds unsaved changes: one way of telling).
//
// 1. Leaving a page whose form was changed (a link, reloading, closing the tab) asks first, unless that form is
//    being saved. A form the server sent back with errors holds unsaved input too. Ticking rows in a change list
//    is not an edit. The idle sign-out leaves without asking: the server has already ended the session.
// 2. The change form of public content carries an offer (#unsaved-input, staff.unsaved_input; never a form that
//    holds what patients sent). Its changed fields are kept in this tab's sessionStorage while the editor types,
//    under the staff member and the form's address; when the form opens again (after an idle sign-out and
//    signing back in, say) and they were not saved, it offers them back: "Restore them" or "Discard them".
//    They go once the form is saved, and every kept input goes on signing out. Nothing is sent anywhere.
(() => {
  const PREFIX = "clinic-unsaved-input:"; // staff.unsaved_input.STORAGE_PREFIX
  const SAVING = `${PREFIX}saving`; // the key of the form being saved, until the next page says how it went
  const ROW_SELECTION = ["_selected_action", "action", "select_across", "index"];

  // --- what a field holds, and whether it changed --------------------------------------------------------------

  function isEditable(field) {
    if (!["INPUT", "SELECT", "TEXTAREA"].includes(field.tagName) || field.disabled) {
      return false;
    }
    if (["hidden", "submit", "button", "reset", "image"].includes(field.type)) {
      return false;
    }
    return !(field.form && field.form.id === "changelist-form" && (ROW_SELECTION.includes(field.name) || field.id === "action-toggle"));
  }

  function defaultIndex(select) {
    const options = Array.from(select.options);
    const chosen = options.map((option) => option.defaultSelected).lastIndexOf(true);
    return chosen === -1 && select.size <= 1 ? 0 : chosen; // a drop-down with nothing marked shows its first
  }

  // What the field holds now, and what it held when the page came from the server.
  function current(field) {
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked;
    }
    if (field.type === "select-multiple") {
      return Array.from(field.selectedOptions, (option) => option.value);
    }
    return field.value;
  }

  function saved(field) {
    if (field.type === "checkbox" || field.type === "radio") {
      return field.defaultChecked;
    }
    if (field.type === "select-multiple") {
      return Array.from(field.options).filter((option) => option.defaultSelected).map((option) => option.value);
    }
    if (field.type === "select-one") {
      const option = field.options[defaultIndex(field)];
      return option ? option.value : "";
    }
    return field.defaultValue;
  }

  // The server trims what it stores; a space typed at the end is not an unsaved change of its own.
  const same = (a, b) => JSON.stringify(typeof a === "string" ? a.trim() : a) === JSON.stringify(typeof b === "string" ? b.trim() : b);
  const changed = (field) => isEditable(field) && !same(current(field), saved(field));
  const hasErrors = (form) => form.querySelector(".errornote, .errorlist") !== null;

  // Only forms that save something (POST); a search box typed into loses nothing.
  function formsWithUnsavedChanges() {
    return Array.from(document.forms).filter(
      (form) => form.method === "post" && (hasErrors(form) || Array.from(form.elements).some(changed)),
    );
  }

  // --- asking before leaving -------------------------------------------------------------------------------------

  let submitted = null; // the form being saved: leaving for its answer loses nothing
  let leaving = false; // the idle sign-out: the session has ended, nothing could be saved by staying
  let signingOut = false;

  window.addEventListener("submit", (event) => {
    if (event.defaultPrevented) {
      return;
    }
    submitted = event.target;
    signingOut = event.target.id === "logout-form";
    if (event.target === keptForm) {
      remember(SAVING, storageKey);
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (!leaving && formsWithUnsavedChanges().some((form) => form !== submitted)) {
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when this is set; the words are the browser's own
    }
  });

  // A page shown again from the back-forward cache starts afresh.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      submitted = null;
      leaving = signingOut = false;
    }
  });

  // --- keeping a content form's input in this tab ----------------------------------------------------------------

  const offer = document.getElementById("unsaved-input");
  const keptForm = offer && document.getElementById(offer.dataset.form);
  const storageKey = keptForm ? `${offer.dataset.key}${window.location.pathname}` : null;

  function recall(key) {
    try {
      return JSON.parse(window.sessionStorage.getItem(key));
    } catch (error) {
      return null; // storage turned off or full: the warning before leaving still works
    }
  }

  function remember(key, value) {
    try {
      window.sessionStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // as above
    }
  }

  function forget(key) {
    try {
      window.sessionStorage.removeItem(key);
    } catch (error) {
      // as above
    }
  }

  function forgetAll() {
    try {
      Object.keys(window.sessionStorage)
        .filter((key) => key.startsWith(PREFIX))
        .forEach((key) => window.sessionStorage.removeItem(key));
    } catch (error) {
      // as above
    }
  }

  const keepable = (field) => isEditable(field) && field.name && !["file", "password"].includes(field.type);
  const nameOf = (field) => (field.type === "checkbox" || field.type === "radio" ? `${field.name}=${field.value}` : field.name);
  const fieldsNamed = (name) => Array.from(keptForm.elements).filter((field) => keepable(field) && nameOf(field) === name);

  // The changed fields, by name. A form sent back with errors holds input the server never stored, all of it.
  function changedFields() {
    const fields = {};
    const all = hasErrors(keptForm);
    Array.from(keptForm.elements)
      .filter((field) => keepable(field) && (all || changed(field)))
      .forEach((field) => {
        fields[nameOf(field)] = current(field);
      });
    return fields;
  }

  function keep() {
    const fields = changedFields();
    if (Object.keys(fields).length === 0) {
      forget(storageKey);
      return;
    }
    const kept = recall(storageKey);
    if (!kept || JSON.stringify(kept.fields) !== JSON.stringify(fields)) {
      remember(storageKey, { at: Date.now(), fields });
    }
  }

  // Does every kept field hold `value(field)` in the form? (What the server sent: saved; what is shown: nothing to offer.)
  function allMatch(kept, value) {
    return Object.entries(kept.fields).every(([name, keptValue]) => {
      const fields = fieldsNamed(name);
      return fields.length > 0 && fields.every((field) => same(value(field), keptValue));
    });
  }

  function put(field, value) {
    if (field.type === "checkbox" || field.type === "radio") {
      field.checked = value;
    } else if (field.type === "select-multiple") {
      Array.from(field.options).forEach((option) => {
        option.selected = value.includes(option.value);
      });
    } else {
      field.value = value;
    }
    // Widgets that follow the field (an autocomplete, a preview) hear of it as of typing.
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function when(at) {
    const date = new Date(at);
    const time = { hour: "numeric", minute: "2-digit" };
    const today = date.toDateString() === new Date().toDateString();
    return today ? date.toLocaleTimeString("en-US", time) : date.toLocaleString("en-US", { month: "short", day: "numeric", ...time });
  }

  function say(words) {
    const said = document.getElementById("unsaved-input-said");
    offer.hidden = true;
    said.textContent = words;
    said.focus();
  }

  function offerBack(kept) {
    const time = offer.querySelector("[data-unsaved-time]");
    time.dateTime = new Date(kept.at).toISOString();
    time.textContent = when(kept.at);
    offer.querySelector("[data-unsaved-restore]").addEventListener("click", () => {
      let missing = 0;
      Object.entries(kept.fields).forEach(([name, value]) => {
        const fields = fieldsNamed(name);
        missing += fields.length === 0 ? 1 : 0;
        fields.forEach((field) => put(field, value));
      });
      keep();
      const lost = missing === 0 ? "" : ` ${missing} of them could not be put back: the form has changed since.`;
      say(`Your changes are back in the form. They are not saved yet: save the form to keep them.${lost}`);
    });
    offer.querySelector("[data-unsaved-discard]").addEventListener("click", () => {
      keep(); // only what was typed since the page opened, if anything
      say("Your unsaved changes were discarded.");
    });
    offer.hidden = false;
    offer.focus();
  }

  function start() {
    const saving = recall(SAVING);
    forget(SAVING);
    if (saving && document.querySelector(".messagelist .success")) {
      forget(saving); // the save it was waiting for went through
    }
    const kept = recall(storageKey);
    if (!kept || hasErrors(keptForm)) {
      return; // nothing kept; or the form came back with errors and shows the input itself
    }
    if (allMatch(kept, saved)) {
      forget(storageKey); // the server has it: saved since
    } else if (!allMatch(kept, current)) {
      offerBack(kept);
    }
    // Typing from here is kept, the offer aside: it stays to be answered.
  }

  if (storageKey) {
    start();
    keptForm.addEventListener("input", keep);
    keptForm.addEventListener("change", keep);
  }

  window.addEventListener("pagehide", () => {
    if (signingOut) {
      forgetAll();
    } else if (storageKey && !leaving) {
      keep(); // a widget may have changed a field without an event
    }
  });

  // For admin-idle-warning.js.
  window.clinicUnsavedChanges = {
    hasUnsavedChanges: () => formsWithUnsavedChanges().length > 0,
    // Whether this page's unsaved input is kept in the tab (a content form, and storage that works).
    keepsUnsavedInput() {
      if (!storageKey) {
        return false;
      }
      keep();
      return recall(storageKey) !== null;
    },
    leaveForSignIn() {
      if (storageKey) {
        keep();
      }
      leaving = true;
    },
  };
})();
