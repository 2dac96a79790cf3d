// A form with data-confirm asks before it is sent (deleting a file, closing the account). Without JavaScript the form
// is sent at once, as before; the account form still asks for the password.
(function () {
  document.addEventListener('submit', function (event) {
    const form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
