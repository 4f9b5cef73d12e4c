// One-key decisions: digits 1–5 press the matching decision button; C claims; N claims the next item.
document.addEventListener("keydown", function (ev) {
  if (ev.target.closest("input, textarea, select") || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  var key = ev.key.toLowerCase();
  var btn = document.querySelector('button[data-key="' + key + '"]');
  if (!btn && key === "n") btn = document.getElementById("claim-next");
  if (btn) { ev.preventDefault(); btn.click(); }
});
