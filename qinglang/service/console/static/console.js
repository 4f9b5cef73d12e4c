// One-key decisions: digits press the matching decision button; C claims; N claims the next item.
document.addEventListener("keydown", function (ev) {
  if (ev.target.closest("input, textarea, select") || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  var key = ev.key.toLowerCase();
  var btn = document.querySelector('button[data-key="' + key + '"]');
  if (!btn && key === "n") btn = document.getElementById("claim-next");
  if (btn) { ev.preventDefault(); btn.click(); }
});

// Claim lease: countdown, renewal every third of the lease while the page is open, a warning before expiry.
(function () {
  var box = document.getElementById("lease");
  if (!box) return;
  var left = parseInt(box.dataset.left, 10), warn = parseInt(box.dataset.warn, 10);
  var deadline = Date.now() + left * 1000, total = left, lastRenew = Date.now(), failed = false;
  var out = document.getElementById("lease-left"), until = document.getElementById("lease-until");
  function show() {
    var s = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    out.textContent = Math.floor(s / 60) + "分" + (s % 60) + "秒";
    box.classList.toggle("lease-warn", s <= warn);
    box.classList.toggle("lease-expired", s === 0);
    if (s === 0) out.textContent = "已过期，提交时将尝试重新领取";
  }
  function renew() {
    lastRenew = Date.now();
    fetch(box.dataset.renew, {method: "POST", credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (j) {
        if (j.ok) { deadline = Date.now() + (j.lease_until - j.now) * 1000; until.textContent = j.lease_until_text; failed = false; }
        else { failed = true; box.textContent = j.message; box.classList.add("lease-expired"); }
      })
      .catch(function () { failed = true; });
  }
  show();
  setInterval(function () {
    if (!failed && document.visibilityState === "visible" && Date.now() - lastRenew > total * 1000 / 3) renew();
    if (!failed) show();
  }, 1000);
})();

// Decision form: only actions that agree with the chosen reason; a block needs a note.
(function () {
  var form = document.getElementById("decide-form");
  if (!form) return;
  var act = document.getElementById("f-action"), why = document.getElementById("f-reason"),
      note = document.getElementById("f-note");
  function sync() {
    var opt = why.options[why.selectedIndex], ok = opt && opt.dataset.actions ? opt.dataset.actions.split(" ") : null;
    for (var i = 0; i < act.options.length; i++) {
      var o = act.options[i];
      if (o.value) o.disabled = ok !== null && ok.indexOf(o.value) < 0;
    }
    if (act.selectedOptions.length && act.selectedOptions[0].disabled) act.value = "";
    note.required = act.value === "block";
  }
  act.addEventListener("change", sync); why.addEventListener("change", sync); sync();
})();
