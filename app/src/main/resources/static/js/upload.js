// Uploads with XMLHttpRequest so that the <progress> bar follows the bytes sent. Without JavaScript the form still
// posts normally. The CSRF token travels as a header, so the server never has to parse the body to check it.
(function () {
  const form = document.getElementById('upload-form');
  if (!form) return;
  const progress = document.getElementById('upload-progress');
  const status = document.getElementById('upload-status');
  const button = document.getElementById('upload-button');

  function show(message) {
    status.textContent = message;
    status.className = 'error';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    const file = form.elements.file.files[0];
    if (!file) { show('Choose a file to upload.'); return; }
    if (file.size === 0) { show('The file is empty. Choose a file with content.'); return; }
    if (file.size > Number(form.dataset.maxBytes)) {
      show('The file is larger than the upload limit of ' + form.dataset.maxText + '.');
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader(form.dataset.csrfHeader, form.dataset.csrfToken);
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        progress.max = e.total;
        progress.value = e.loaded;
      }
    });
    xhr.addEventListener('load', function () {
      if (xhr.status >= 200 && xhr.status < 300) {
        window.location.assign(xhr.responseURL || form.action);
        return;
      }
      const page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
      const message = page.getElementById('error-message');
      show(message ? message.textContent : 'The upload failed (HTTP ' + xhr.status + ').');
      button.disabled = false;
    });
    xhr.addEventListener('error', function () {
      show('The upload failed: the connection was lost. Nothing was stored; please try again.');
      button.disabled = false;
    });
    progress.hidden = false;
    progress.value = 0;
    status.className = '';
    status.textContent = 'Uploading ' + file.name + '…';
    button.disabled = true;
    xhr.send(new FormData(form));
  });
})();
