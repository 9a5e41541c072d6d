/* Demo pages only: "Ask the Compact assistant" buttons, and the embed snippet with this server's address. */
document.querySelectorAll("[data-open-assistant]").forEach(function (button) {
  button.addEventListener("click", function () {
    if (window.CompactAssistant) window.CompactAssistant.open();
  });
});
document.querySelectorAll("[data-embed-snippet]").forEach(function (code) {
  code.textContent = code.textContent.replace("https://BOT-HOST", window.location.origin);
});
