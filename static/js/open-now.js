// "Open now" on the Visit us page. The page is cached for everyone, so the server never puts a status in it;
// it lists the coming stretches of open and closed time, each with its words, worked out in the clinic's time
// zone (clinic/selectors.py) and marked with when it starts and ends (ms since the epoch). This shows the one
// that holds the present moment, and checks again each half minute, so an open tab stays right. No script, no
// matching stretch (a copy kept for weeks): nothing is shown, and the weekly hours beside it still say it all.
// A closed day that is over by the reader's clock is hidden too.
(() => {
  const status = document.querySelector("[data-open-status]");
  if (!status) {
    return;
  }
  const lines = Array.from(status.querySelectorAll("[data-from]"));
  const closedDays = Array.from(document.querySelectorAll("[data-closed-days] [data-shown-until]"));
  const show = () => {
    const now = Date.now();
    for (const day of closedDays) {
      day.hidden = now >= Number(day.dataset.shownUntil);
    }
    let shown = false;
    for (const line of lines) {
      const current = Number(line.dataset.from) <= now && now < Number(line.dataset.until);
      line.hidden = !current;
      shown = shown || current;
    }
    status.hidden = !shown;
  };
  show();
  window.setInterval(show, 30000);
})();
