/* Places search: "Use my position" fills the form with the browser's position (rounded
   to about a kilometre) and sends it. Optional: without JavaScript the button stays hidden
   and the postcode field does the same job. */
(function () {
  "use strict";
  var button = document.querySelector("[data-locate]");
  if (!button || !("geolocation" in navigator)) return;
  var form = button.closest("form");
  var where = form.elements.where;
  button.hidden = false;
  where.addEventListener("input", function () {
    form.elements.lat.value = "";
    form.elements.lon.value = "";
  });
  button.addEventListener("click", function () {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lat.value = position.coords.latitude.toFixed(2);
      form.elements.lon.value = position.coords.longitude.toFixed(2);
      where.value = "";
      button.disabled = false;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }, function () {
      button.disabled = false;
      document.getElementById("results-status").textContent = button.getAttribute("data-error");
      where.focus();
    }, { timeout: 15000, maximumAge: 600000 });
  });
})();
