// The "Print this page" button of a first-visit page: hidden in the page, shown here, where it can work.
// Without script the browser's own Print gives the same printout (site.css, @media print).
document.querySelectorAll("[data-print-page]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
