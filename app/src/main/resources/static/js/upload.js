// Uploads each chosen or dropped file as its own raw body (PUT /files?name=...), so it streams to storage like the
// API's uploads, with a progress bar and a result per file and #upload-progress for all of them together. The CSRF token
// travels as a header. Without JavaScript the form still posts one file normally.
(function () {
  const form = document.getElementById('upload-form');
  if (!form) return;
  const input = document.getElementById('file');
  const overall = document.getElementById('upload-progress');
  const status = document.getElementById('upload-status');
  const button = document.getElementById('upload-button');
  const list = document.getElementById('upload-list');
  const maxBytes = Number(form.dataset.maxBytes);

  function say(message, isError) {
    status.textContent = message;
    status.className = isError ? 'error' : '';
  }

  function readable(bytes) {
    if (bytes < 1024) return bytes + ' B';
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return (value < 10 ? value.toFixed(1) : Math.round(value)) + ' ' + units[unit];
  }

  // One row per file: its name, its own progress bar and, at the end, what happened to it.
  function row(file) {
    const item = document.createElement('li');
    item.className = 'upload-item';
    const name = document.createElement('span');
    name.className = 'upload-name';
    name.textContent = file.name + ' (' + readable(file.size) + ')';
    name.title = file.name;
    const bar = document.createElement('progress');
    bar.className = 'file-progress';
    bar.max = Math.max(file.size, 1);
    bar.value = 0;
    bar.setAttribute('aria-label', 'Progress of ' + file.name);
    const result = document.createElement('span');
    result.className = 'file-result';
    result.setAttribute('role', 'status');
    item.append(name, bar, result);
    list.append(item);
    return { item: item, bar: bar, result: result };
  }

  function problem(file) {
    if (file.size === 0) return 'The file is empty. Choose a file with content.';
    if (file.size > maxBytes) return 'The file is larger than the upload limit of ' + form.dataset.maxText + '.';
    return null;
  }

  function errorText(xhr) {
    try {
      if ((xhr.getResponseHeader('Content-Type') || '').indexOf('json') >= 0) {
        return JSON.parse(xhr.responseText).message;
      }
      const page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
      const message = page.getElementById('error-message');
      if (message) return message.textContent;
    } catch (ignored) { /* fall through to the status */ }
    return 'The upload failed (HTTP ' + xhr.status + ').';
  }

  function send(file, view, onProgress) {
    return new Promise(function (resolve) {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', form.action + '?name=' + encodeURIComponent(file.name));
      xhr.setRequestHeader(form.dataset.csrfHeader, form.dataset.csrfToken);
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.addEventListener('progress', function (e) {
        view.bar.value = e.loaded;
        onProgress(e.loaded);
      });
      xhr.addEventListener('load', function () {
        if (xhr.status === 201) {
          view.bar.value = view.bar.max;
          onProgress(file.size);
          view.result.textContent = 'Uploaded.';
          view.item.classList.add('done');
          resolve(JSON.parse(xhr.responseText).id);
        } else {
          view.result.textContent = errorText(xhr);
          view.item.classList.add('failed');
          resolve(null);
        }
      });
      xhr.addEventListener('error', function () {
        view.result.textContent = 'The connection was lost. Nothing was stored; please try again.';
        view.item.classList.add('failed');
        resolve(null);
      });
      xhr.send(file);
    });
  }

  async function upload(files) {
    if (files.length === 0) { say('Choose a file to upload.', true); return; }
    list.replaceChildren();
    list.hidden = false;
    const total = files.reduce(function (sum, file) { return sum + file.size; }, 0);
    let before = 0;
    overall.max = Math.max(total, 1);
    overall.value = 0;
    overall.hidden = false;
    button.disabled = true;
    say(files.length === 1 ? 'Uploading ' + files[0].name + '…' : 'Uploading ' + files.length + ' files…', false);
    const ids = [];
    let failed = 0;
    for (const file of files) {
      const view = row(file);
      const refused = problem(file);
      if (refused) {
        view.result.textContent = refused;
        view.item.classList.add('failed');
        failed++;
      } else {
        const id = await send(file, view, function (loaded) { overall.value = before + loaded; });
        if (id) ids.push(id); else failed++;
      }
      before += file.size;
      overall.value = before;
    }
    button.disabled = false;
    if (failed === 0) {
      window.location.assign(form.action + '?' + ids.map(function (id) { return 'uploaded=' + id; }).join('&'));
      return;
    }
    if (files.length === 1) {
      say(list.querySelector('.file-result').textContent, true);
    } else {
      say(ids.length + ' of ' + files.length + ' files uploaded; see each file below.', true);
    }
    if (ids.length > 0) {
      const link = document.createElement('a');
      link.href = form.action;
      link.textContent = 'Show my files';
      status.append(' ', link);
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    upload(Array.from(input.files));
  });

  ['dragenter', 'dragover'].forEach(function (type) {
    form.addEventListener(type, function (event) {
      event.preventDefault();
      form.classList.add('dragging');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    form.addEventListener(type, function () { form.classList.remove('dragging'); });
  });
  form.addEventListener('drop', function (event) {
    event.preventDefault();
    upload(Array.from(event.dataTransfer.files));
  });
})();
