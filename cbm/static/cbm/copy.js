// Copy buttons: shown only when this script runs; without it the read-only field beside
// each button is still there to select and copy by hand.
document.querySelectorAll("button[data-copy]").forEach(function (button) {
  var field = document.getElementById(button.dataset.copy);
  var status = document.getElementById(button.dataset.copy + "-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    field.select();
    var done = function () { if (status) { status.textContent = button.dataset.copied || "Copied."; } };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
});
