// Move focus to the error summary so keyboard and screen reader users start from the list of problems.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
