// The phone menu's button is a link to #site-nav, so the menu opens without script too.
// With script: Space presses it like any button, and Escape closes the open menu and returns focus to it.
document.addEventListener("keydown", (event) => {
  const toggle = document.querySelector('[aria-controls="site-nav"]');
  const menu = document.getElementById("site-nav");
  if (!toggle || !menu) {
    return;
  }
  if (event.key === " " && event.target === toggle) {
    event.preventDefault();
    toggle.click();
  } else if (event.key === "Escape" && menu.classList.contains("show") && window.bootstrap) {
    window.bootstrap.Collapse.getOrCreateInstance(menu, { toggle: false }).hide();
    toggle.focus();
  }
});
