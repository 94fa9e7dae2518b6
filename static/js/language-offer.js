// A browser whose first language is Spanish is offered the Spanish page, never sent there:
// the offer is in the page for everyone (so cached pages stay the same) and shown here, once dismissed never again.
(() => {
  const offer = document.getElementById("language-offer");
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || "";
  let dismissed = false;
  try {
    dismissed = window.localStorage.getItem("language-offer") === "dismissed";
  } catch (error) {
    dismissed = false; // storage may be blocked; the offer can then be dismissed for this page only
  }
  if (!offer || dismissed || !first.toLowerCase().startsWith("es")) {
    return;
  }
  offer.hidden = false;
  offer.querySelector("[data-dismiss-language-offer]").addEventListener("click", () => {
    offer.hidden = true;
    try {
      window.localStorage.setItem("language-offer", "dismissed");
    } catch (error) {
      // nothing to remember it in
    }
  });
})();
