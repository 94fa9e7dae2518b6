// Live reading feedback on the change form of patient-facing text (content.plain_language_admin).
//
// Every graded field carries data-reading-language ("en" or "es") and data-reading-url (the admin's check).
// While the editor types in one, and pauses, the record's graded fields of that language are sent together (as
// the save grades them) and the answer is shown in a live region beside that field: the score against the
// target in plain words, and the hardest sentences, each marked "Hard" with a warning icon. A text too short to
// grade fairly says so. Every word shown comes from the server; this script only lays them out (textContent,
// never HTML). The other fields' regions of that language are emptied, so the feedback follows the editor.
(() => {
  const PAUSE = 700; // milliseconds after the last key before asking
  const LANGUAGE = "data-reading-language";

  function fieldsOf(form, language) {
    return Array.from(form.querySelectorAll(`[${LANGUAGE}="${language}"]`));
  }

  function regionOf(field) {
    if (!field.readingRegion) {
      const region = document.createElement("div");
      region.className = "help reading-feedback";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      const box = field.closest(".flex-container");
      (box && box.parentElement ? box.parentElement : field.parentElement).appendChild(region);
      field.readingRegion = region;
    }
    return field.readingRegion;
  }

  function element(tag, className, words) {
    const made = document.createElement(tag);
    if (className) {
      made.className = className;
    }
    if (words) {
      made.textContent = words;
    }
    return made;
  }

  function show(region, answer) {
    const parts = [];
    const verdict = element("p", "reading-verdict");
    verdict.appendChild(element("strong", "", answer.summary));
    if (answer.verdict) {
      verdict.appendChild(document.createTextNode(` ${answer.verdict}`));
    }
    parts.push(verdict);
    if (answer.hardest && answer.hardest.length) {
      parts.push(element("p", "reading-hardest-heading", answer.hardest_heading));
      const list = element("ul", "reading-hardest");
      answer.hardest.forEach((item) => {
        const entry = element("li");
        entry.appendChild(element("strong", "reading-hard", item.mark));
        entry.appendChild(document.createTextNode(` (${item.score_text}): `));
        const sentence = element("span", "", item.sentence);
        sentence.lang = answer.lang;
        entry.appendChild(sentence);
        list.appendChild(entry);
      });
      parts.push(list);
    }
    region.replaceChildren(...parts);
  }

  function check(field) {
    const form = field.form;
    const language = field.getAttribute(LANGUAGE);
    const fields = fieldsOf(form, language);
    const token = form.querySelector("input[name=csrfmiddlewaretoken]");
    const body = new URLSearchParams({
      language,
      text: fields.map((each) => each.value).join("\n\n"),
      csrfmiddlewaretoken: token ? token.value : "",
    });
    // One count per form and language: an answer is shown only if no later check of that language was asked
    // for, so a slow answer for a field typed in earlier never replaces the feedback on the field typed in last.
    form.readingAsked = form.readingAsked || {};
    const asked = (form.readingAsked[language] || 0) + 1;
    form.readingAsked[language] = asked;
    fetch(field.getAttribute("data-reading-url"), {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "", Accept: "application/json" },
    })
      .then((response) => response.json().then((answer) => ({ ok: response.ok, answer })))
      .then(({ ok, answer }) => {
        if (form.readingAsked[language] !== asked) {
          return; // a newer check of this language is under way
        }
        fields.forEach((other) => {
          if (other !== field && other.readingRegion) {
            other.readingRegion.replaceChildren();
          }
        });
        if (ok) {
          show(regionOf(field), answer);
        } else {
          show(regionOf(field), { summary: answer.error || "The reading level could not be checked just now.", verdict: "" });
        }
      })
      .catch(() => {}); // offline or signed out: the saved report still comes with the save
  }

  function start() {
    document.querySelectorAll(`[${LANGUAGE}]`).forEach((field) => {
      if (!field.form) {
        return;
      }
      regionOf(field); // the live region exists before anything is said in it
      let waiting = null;
      field.addEventListener("input", () => {
        clearTimeout(waiting);
        waiting = setTimeout(() => check(field), PAUSE);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
