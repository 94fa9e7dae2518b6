// The live preview beside a change form (publishing.admin.live_preview; the panel is
// publishing/templates/admin/publishing/live_preview_panel.html).
//
// While the editor types, a copy of the form's data is posted to the page's live-preview address (debounced), and
// the page it answers is shown in a sandboxed frame (no scripts run there; links and forms in it stay put). The
// editor switches the preview between English and Spanish and between a phone's width and a desktop's (scaled to
// fit). Nothing is saved: the server renders the page in a transaction it rolls back. Without JavaScript the panel
// stays hidden and "Save draft and preview" shows a saved draft.
(() => {
  const panel = document.getElementById("live-preview");
  const form = panel && document.getElementById(panel.dataset.form);
  if (!form || !window.fetch) {
    return;
  }
  const WAIT_MS = 600; // after the last keystroke
  const PHONE_LAYOUT = window.matchMedia("(max-width: 1023px)"); // the panel sits below the form
  const box = panel.querySelector(".live-preview-box");
  const viewport = panel.querySelector(".live-preview-viewport");
  const frame = panel.querySelector(".live-preview-frame");
  const status = panel.querySelector(".live-preview-status");
  const toggles = Array.from(panel.querySelectorAll(".live-preview-toggle"));
  let language = "en";
  let width = 390;
  let timer = null;
  let running = null; // the request under way, cancelled by a newer one
  let shownLanguage = null; // the frame's page keeps its scroll position while the same language is shown

  function say(words) {
    status.textContent = words;
  }

  // Busy from the first keystroke until the page that follows it is shown (or cannot be).
  function busy(waiting) {
    viewport.setAttribute("aria-busy", String(waiting));
  }

  // --- the page, fetched ---------------------------------------------------------------------------------------

  function formData() {
    const data = new FormData(form);
    for (const name of ["_save", "_draft", "_preview", "_schedule", "_continue", "_addanother"]) {
      data.delete(name);
    }
    return data;
  }

  async function refresh() {
    window.clearTimeout(timer);
    timer = null;
    if (!box.open) {
      busy(false);
      return; // fetched again when the panel opens
    }
    if (running) {
      running.abort();
    }
    const request = new AbortController();
    running = request;
    const asked = language;
    busy(true);
    say("Updating the preview…");
    try {
      const response = await fetch(`${panel.dataset.url}?language=${asked}`, {
        method: "POST",
        body: formData(),
        credentials: "same-origin",
        headers: { "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
        signal: request.signal,
      });
      if (!response.headers.has("X-Live-Preview")) {
        say(response.status === 403 ? "You may not change this page, so there is no preview." : "The preview stopped: sign in again to see it. Your edits are still in the form.");
        return;
      }
      show(await response.text(), asked);
      say(response.headers.get("X-Live-Preview") === "page" ? "Preview up to date." : "The preview is waiting for the form to be fixed.");
    } catch (error) {
      if (error.name !== "AbortError") {
        say("The preview could not be updated. Your edits are still in the form: try again in a moment.");
      }
    } finally {
      if (running === request) {
        running = null;
        busy(timer !== null);
      }
    }
  }

  function later() {
    busy(true);
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, WAIT_MS);
  }

  // --- the frame -----------------------------------------------------------------------------------------------

  function scrolled() {
    try {
      return frame.contentWindow ? frame.contentWindow.scrollY : 0;
    } catch (error) {
      return 0;
    }
  }

  function show(html, asked) {
    const keep = asked === shownLanguage ? scrolled() : 0;
    shownLanguage = asked;
    frame.addEventListener(
      "load",
      () => {
        const page = frame.contentDocument;
        if (page) {
          // The preview is for reading: a link or a button in it does not lead away from the editor.
          page.addEventListener("click", (event) => {
            if (event.target.closest && event.target.closest("a, button, input, summary")) {
              event.preventDefault();
            }
          });
          frame.contentWindow.scrollTo(0, keep);
        }
      },
      { once: true },
    );
    frame.srcdoc = withoutScripts(html);
  }

  // The frame runs no script (its sandbox), so the page's own are left out rather than refused one by one.
  function withoutScripts(html) {
    const page = new DOMParser().parseFromString(html, "text/html");
    for (const script of page.querySelectorAll("script")) {
      script.remove();
    }
    return `<!DOCTYPE html>\n${page.documentElement.outerHTML}`;
  }

  // The page is laid out at the chosen width and scaled down to fit the panel when it is wider.
  function fit() {
    const room = viewport.clientWidth;
    const scale = room > 0 && room < width ? room / width : 1;
    const height = viewport.clientHeight;
    frame.style.width = `${width}px`;
    frame.style.height = `${Math.round(height / scale)}px`;
    frame.style.transform = scale === 1 ? "" : `scale(${scale})`;
  }

  // --- the controls --------------------------------------------------------------------------------------------

  function press(chosen) {
    for (const toggle of toggles) {
      const sameGroup = Boolean(toggle.dataset.language) === Boolean(chosen.dataset.language);
      if (sameGroup) {
        toggle.setAttribute("aria-pressed", String(toggle === chosen));
      }
    }
  }

  for (const toggle of toggles) {
    toggle.addEventListener("click", () => {
      press(toggle);
      if (toggle.dataset.language) {
        if (language !== toggle.dataset.language) {
          language = toggle.dataset.language;
          refresh();
        }
      } else {
        width = Number(toggle.dataset.width);
        fit();
      }
    });
  }

  // The unsaved-changes script fires these too when it restores a field.
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  // Once the form is being saved, the page that follows shows it.
  form.addEventListener("submit", () => {
    window.clearTimeout(timer);
    timer = null;
    if (running) {
      running.abort();
    }
  });
  box.addEventListener("toggle", () => {
    if (box.open) {
      fit();
      refresh();
    }
  });
  window.addEventListener("resize", fit);

  panel.hidden = false;
  box.open = !PHONE_LAYOUT.matches; // below the form on a phone: opened when wanted
  fit();
  refresh();
})();
