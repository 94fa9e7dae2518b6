// Warns before the server signs an idle staff member out (staff.idle_sign_out), and offers to stay signed in.
// The server decides: this script only asks it how long is left (a GET that never refreshes the time), so a
// page left open in a forgotten tab cannot keep a session alive; only "Stay signed in" (a POST) does.
// Activity in another tab moves the end for every tab, so the time left is always asked, never assumed.
// Loaded after admin-unsaved-changes.js, which keeps the unsaved input of a content form for after signing in.
(() => {
  const dialog = document.getElementById("idle-warning");
  if (!dialog || typeof dialog.showModal !== "function") {
    return; // the server still ends the session on time
  }
  const form = dialog.querySelector("form");
  const button = form.querySelector("button");
  const countdown = dialog.querySelector("[data-idle-countdown]");
  const unsaved = document.getElementById("idle-warning-unsaved");
  const kept = document.getElementById("idle-warning-kept");
  const warningSeconds = Number(dialog.dataset.warningSeconds);
  let endsAt = Date.now() + Number(dialog.dataset.idleSeconds) * 1000;
  let timer = null;
  let ticker = null;
  // admin-unsaved-changes.js tells whether a form holds changes that leaving would lose.
  const unsavedChanges = window.clinicUnsavedChanges || {
    hasUnsavedChanges: () => false,
    keepsUnsavedInput: () => false,
    leaveForSignIn() {},
  };

  const secondsLeft = () => Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));

  function schedule(atLeast = 0) {
    window.clearTimeout(timer);
    const left = secondsLeft();
    // Ask again when the warning is due, or (while it shows) just after the end.
    const wait = Math.max(atLeast, left > warningSeconds ? left - warningSeconds : left + 0.5);
    timer = window.setTimeout(check, wait * 1000);
  }

  function signedOut() {
    unsavedChanges.leaveForSignIn(); // never held up by "Leave site?": the session has ended
    const here = window.location.pathname + window.location.search;
    window.location.assign(`${dialog.dataset.loginUrl}?next=${encodeURIComponent(here)}`);
  }

  async function ask(options) {
    try {
      const response = await fetch(form.action, { credentials: "same-origin", ...options });
      if (response.status === 403) {
        return 0; // signed out (here or in another tab)
      }
      if (!response.ok) {
        return null;
      }
      return (await response.json()).seconds_left;
    } catch (error) {
      return null; // the network or server is away; the server still enforces the limit
    }
  }

  function answered(left) {
    if (left === 0) {
      signedOut();
      return;
    }
    if (left !== null) {
      endsAt = Date.now() + left * 1000;
    }
    if (secondsLeft() > warningSeconds) {
      hide();
    } else {
      show();
    }
    schedule(left === null ? 5 : 0); // no answer: try again in a few seconds, not in a tight loop
  }

  async function check() {
    answered(await ask({ method: "GET", headers: { Accept: "application/json" } }));
  }

  async function staySignedIn(event) {
    event.preventDefault();
    button.disabled = true;
    const left = await ask({ method: "POST", headers: { Accept: "application/json" }, body: new FormData(form) });
    button.disabled = false;
    answered(left);
  }

  function showCountdown() {
    const left = secondsLeft();
    countdown.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  }

  function show() {
    // Unsaved changes are lost, or (a content form's) kept in the tab to offer back after signing in.
    const changes = unsavedChanges.hasUnsavedChanges();
    const keeping = changes && unsavedChanges.keepsUnsavedInput();
    unsaved.hidden = !changes || keeping;
    kept.hidden = !keeping;
    const said = changes ? (keeping ? kept : unsaved).id : null;
    dialog.setAttribute("aria-describedby", said ? `idle-warning-text ${said}` : "idle-warning-text");
    showCountdown();
    if (!dialog.open) {
      dialog.showModal();
      button.focus();
      ticker = window.setInterval(showCountdown, 1000);
    }
  }

  function hide() {
    window.clearInterval(ticker);
    if (dialog.open) {
      dialog.close();
    }
  }

  form.addEventListener("submit", staySignedIn);
  // Escape is someone at the keyboard: the same as pressing the button, never a silent dismissal.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    form.requestSubmit();
  });
  // Timers in hidden tabs are slowed and a sleeping computer stops them: ask again on coming back.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      check();
    }
  });
  schedule();
})();
