// RootSeg annotate: the page. Photo, segmentation and annotation are drawn on one canvas with a zoom/pan transform;
// the annotation is kept as RGBA pixels (red root, green background, transparent unlabelled) and painted without
// anti-aliasing, so that every pixel saved carries exactly one label.
'use strict';
(() => {
  const token = new URLSearchParams(location.search).get('token') || '';
  const $ = id => document.getElementById(id);
  const canvas = $('canvas');
  const ctx = canvas.getContext('2d');
  const colours = { root: [255, 0, 0, 255], background: [0, 255, 0, 255], eraser: [0, 0, 0, 0] };
  // Undo keeps whole copies of the annotation: at most 20, and at most about 400 MB of them on large photos.
  const maxUndo = () => Math.max(3, Math.min(20, Math.floor(4e8 / state.pixels.data.length)));

  const state = {
    photos: [], index: -1, photo: null, image: null, segmentation: null, segmentationFresh: false,
    annotation: document.createElement('canvas'), pixels: null, dirty: false,
    tool: 'root', size: 8, scale: 1, ox: 0, oy: 0,
    showPhoto: true, showAnnotation: true, showSegmentation: true,
    undo: [], redo: [], drawing: false, panning: null, last: null, space: false,
    modelVersion: 0, saves: 0, saveError: null, segmentationLoads: 0,
  };

  function api(path, options = {}) {
    options.headers = Object.assign({ 'X-RootSeg-Token': token }, options.headers || {});
    return fetch('api/' + path, options);
  }
  const photoPath = name => 'photos/' + encodeURIComponent(name);

  // ---- view ----
  function resize() {
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(canvas.clientWidth * dpr);
    canvas.height = Math.round(canvas.clientHeight * dpr);
    render();
  }
  function fit() {
    if (!state.image) return;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    state.scale = Math.min(w / state.image.width, h / state.image.height);
    state.ox = (w - state.image.width * state.scale) / 2;
    state.oy = (h - state.image.height * state.scale) / 2;
    render();
  }
  function zoomAt(factor, cx, cy) {
    const scale = Math.min(40, Math.max(0.02, state.scale * factor));
    state.ox = cx - (cx - state.ox) * scale / state.scale;
    state.oy = cy - (cy - state.oy) * scale / state.scale;
    state.scale = scale;
    render();
  }
  function render() {
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#111';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (!state.image) return;
    ctx.setTransform(dpr * state.scale, 0, 0, dpr * state.scale, dpr * state.ox, dpr * state.oy);
    ctx.imageSmoothingEnabled = state.scale < 1;
    ctx.globalAlpha = 1;
    if (state.showPhoto) ctx.drawImage(state.image, 0, 0);
    if (state.showSegmentation && state.segmentation) {
      ctx.globalAlpha = $('segmentation-opacity').value / 100;
      ctx.drawImage(state.segmentation, 0, 0);
    }
    if (state.showAnnotation) {
      ctx.globalAlpha = $('annotation-opacity').value / 100;
      ctx.drawImage(state.annotation, 0, 0);
    }
    ctx.globalAlpha = 1;
  }
  const toImage = (cx, cy) => [(cx - state.ox) / state.scale, (cy - state.oy) / state.scale];

  // ---- painting ----
  function stamp(x, y, box) {
    const p = state.pixels, w = p.width, h = p.height, r = state.size / 2, c = colours[state.tool];
    const x0 = Math.max(0, Math.floor(x - r)), x1 = Math.min(w - 1, Math.ceil(x + r));
    const y0 = Math.max(0, Math.floor(y - r)), y1 = Math.min(h - 1, Math.ceil(y + r));
    for (let py = y0; py <= y1; py++) {
      for (let px = x0; px <= x1; px++) {
        const dx = px + 0.5 - x, dy = py + 0.5 - y;
        if (dx * dx + dy * dy > r * r && !(px === Math.floor(x) && py === Math.floor(y))) continue;
        const at = 4 * (py * w + px);
        p.data[at] = c[0]; p.data[at + 1] = c[1]; p.data[at + 2] = c[2]; p.data[at + 3] = c[3];
      }
    }
    box.x0 = Math.min(box.x0, x0); box.y0 = Math.min(box.y0, y0);
    box.x1 = Math.max(box.x1, x1); box.y1 = Math.max(box.y1, y1);
  }
  function strokeTo(x, y) {
    if (!state.pixels) return;
    const [lx, ly] = state.last || [x, y];
    const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    const steps = Math.max(1, Math.ceil(Math.hypot(x - lx, y - ly) / Math.max(0.5, state.size / 4)));
    for (let i = 1; i <= steps; i++) stamp(lx + (x - lx) * i / steps, ly + (y - ly) * i / steps, box);
    if (!state.last) stamp(x, y, box);
    state.last = [x, y];
    if (box.x1 >= box.x0 && box.y1 >= box.y0) {
      state.annotation.getContext('2d').putImageData(state.pixels, 0, 0, box.x0, box.y0, box.x1 - box.x0 + 1, box.y1 - box.y0 + 1);
    }
    state.dirty = true;
    render();
  }
  function pushUndo() {
    state.undo.push(new Uint8ClampedArray(state.pixels.data));
    if (state.undo.length > maxUndo()) state.undo.shift();
    state.redo = [];
  }
  function restore(from, to) {
    if (!state.pixels || from.length === 0) return;
    to.push(new Uint8ClampedArray(state.pixels.data));
    state.pixels.data.set(from.pop());
    state.annotation.getContext('2d').putImageData(state.pixels, 0, 0);
    state.dirty = true;
    render();
    save();
  }

  // ---- loading and saving ----
  function loadImage(url) {
    return fetch(url, { headers: { 'X-RootSeg-Token': token } }).then(r => {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.blob();
    }).then(b => createImageBitmap(b));
  }
  async function save() {
    if (!state.dirty || !state.pixels) return;
    state.dirty = false;
    const name = state.photo;
    const blob = await new Promise(done => state.annotation.toBlob(done, 'image/png'));
    const response = await api(photoPath(name) + '/annotation', { method: 'PUT', body: blob, headers: { 'Content-Type': 'image/png' } });
    if (response.ok) {
      const body = await response.json();
      const entry = state.photos.find(p => p.name === name);
      if (entry) entry.set = body.set;
      state.saves++;
      state.saveError = null;
    } else {
      state.saveError = (await response.json()).error || response.statusText;
      state.dirty = true;
    }
    updateStatus();
  }
  async function show(index) {
    if (index < 0 || index >= state.photos.length) return;
    await save();
    state.index = index;
    const name = state.photos[index].name;
    state.photo = name;
    $('photo-name').textContent = `${name} (${index + 1} of ${state.photos.length})`;
    state.segmentation = null;
    state.segmentationFresh = false;
    state.pixels = null;
    state.image = await loadImage('api/' + photoPath(name) + '/image');
    const a = state.annotation;
    a.width = state.image.width;
    a.height = state.image.height;
    const actx = a.getContext('2d');
    actx.clearRect(0, 0, a.width, a.height);
    try {
      actx.drawImage(await loadImage('api/' + photoPath(name) + '/annotation'), 0, 0);
    } catch (e) {
      // No annotation yet.
    }
    state.pixels = actx.getImageData(0, 0, a.width, a.height);
    state.undo = []; state.redo = []; state.dirty = false;
    fit();
    loadSegmentation(name);
  }
  async function loadSegmentation(name) {
    if (name !== state.photo) return;
    const response = await api(photoPath(name) + '/segmentation', { cache: 'no-store' });
    if (name !== state.photo) return;
    if (response.status === 200) {
      const bitmap = await createImageBitmap(await response.blob());
      if (name !== state.photo) return;
      state.segmentation = bitmap;
      state.segmentationFresh = response.headers.get('X-Segmentation-Fresh') === 'true';
      state.segmentationLoads++;
      render();
      if (!state.segmentationFresh) setTimeout(() => loadSegmentation(name), 1500);
    } else if (response.status === 202) {
      setTimeout(() => loadSegmentation(name), 1000);
    }
  }

  // ---- status ----
  let lastStatus = null;
  function updateStatus() {
    const s = lastStatus;
    if (!s) return;
    const t = s.trainer;
    const f1 = t.bestF1 == null ? 'n/a' : t.bestF1.toFixed(3);
    const model = t.modelVersion > 0 ? `model from epoch ${t.bestEpoch}, validation F1 ${f1}` : 'no model yet';
    const saveNote = state.saveError ? ` | NOT SAVED: ${state.saveError}` : '';
    $('status').textContent = `${model} | trainer: ${t.state}, ${t.message} (epoch ${t.epoch}) | ` +
      `${s.annotated} of ${s.photos} photos annotated (${t.trainPhotos} train, ${t.validationPhotos} val)${saveNote}`;
  }
  async function pollStatus() {
    try {
      const response = await api('status');
      if (response.ok) {
        lastStatus = await response.json();
        updateStatus();
        if (lastStatus.trainer.modelVersion !== state.modelVersion) {
          state.modelVersion = lastStatus.trainer.modelVersion;
          if (state.photo) loadSegmentation(state.photo);
        }
      } else {
        $('status').textContent = 'the server refused: ' + response.status;
      }
    } catch (e) {
      $('status').textContent = 'the server is not answering';
    }
    setTimeout(pollStatus, 1500);
  }

  // ---- controls ----
  function setTool(tool) {
    state.tool = tool;
    document.querySelectorAll('.tool').forEach(b => b.classList.toggle('active', b.dataset.tool === tool));
  }
  function toggle(key, box) {
    state[key] = !state[key];
    $(box).checked = state[key];
    render();
  }
  function setSize(size) {
    state.size = Math.max(1, Math.min(80, size));
    $('brush-size').value = state.size;
  }

  canvas.addEventListener('contextmenu', e => e.preventDefault());
  canvas.addEventListener('pointerdown', e => {
    canvas.setPointerCapture(e.pointerId);
    if (e.button === 1 || e.button === 2 || state.space) {
      state.panning = [e.offsetX - state.ox, e.offsetY - state.oy];
    } else if (e.button === 0 && state.pixels) {
      pushUndo();
      state.drawing = true;
      state.last = null;
      strokeTo(...toImage(e.offsetX, e.offsetY));
    }
  });
  canvas.addEventListener('pointermove', e => {
    if (state.panning) {
      state.ox = e.offsetX - state.panning[0];
      state.oy = e.offsetY - state.panning[1];
      render();
    } else if (state.drawing) {
      strokeTo(...toImage(e.offsetX, e.offsetY));
    }
  });
  const endStroke = () => {
    if (state.drawing) {
      state.drawing = false;
      state.last = null;
      save();
    }
    state.panning = null;
  };
  canvas.addEventListener('pointerup', endStroke);
  canvas.addEventListener('pointercancel', endStroke);
  canvas.addEventListener('wheel', e => {
    e.preventDefault();
    if (e.shiftKey) setSize(state.size + (e.deltaY < 0 ? 1 : -1));
    else zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.offsetX, e.offsetY);
  }, { passive: false });

  document.addEventListener('keydown', e => {
    if (e.target.tagName === 'INPUT' && e.target.type !== 'checkbox' && e.target.type !== 'range') return;
    const key = e.key.toLowerCase();
    if (e.ctrlKey && key === 'z') { e.preventDefault(); e.shiftKey ? restore(state.redo, state.undo) : restore(state.undo, state.redo); return; }
    if (e.ctrlKey && key === 'f') { e.preventDefault(); fit(); return; }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (key) {
      case 'q': setTool('root'); break;
      case 'w': setTool('background'); break;
      case 'e': setTool('eraser'); break;
      case 'z': restore(state.undo, state.redo); break;
      case 'a': toggle('showAnnotation', 'show-annotation'); break;
      case 's': toggle('showSegmentation', 'show-segmentation'); break;
      case 'i': toggle('showPhoto', 'show-photo'); break;
      case 'h': $('help').hidden = !$('help').hidden; break;
      case '+': case '=': zoomAt(1.25, canvas.clientWidth / 2, canvas.clientHeight / 2); break;
      case '-': zoomAt(0.8, canvas.clientWidth / 2, canvas.clientHeight / 2); break;
      case '[': setSize(state.size - 1); break;
      case ']': setSize(state.size + 1); break;
      case 'arrowright': show(state.index + 1); break;
      case 'arrowleft': show(state.index - 1); break;
      case ' ': state.space = true; e.preventDefault(); break;
      default: return;
    }
  });
  document.addEventListener('keyup', e => { if (e.key === ' ') state.space = false; });
  document.querySelectorAll('.tool').forEach(b => b.addEventListener('click', () => setTool(b.dataset.tool)));
  $('brush-size').addEventListener('input', e => setSize(+e.target.value));
  $('undo').addEventListener('click', () => restore(state.undo, state.redo));
  $('redo').addEventListener('click', () => restore(state.redo, state.undo));
  $('prev').addEventListener('click', () => show(state.index - 1));
  $('next').addEventListener('click', () => show(state.index + 1));
  $('fit').addEventListener('click', fit);
  $('help-button').addEventListener('click', () => { $('help').hidden = !$('help').hidden; });
  $('show-annotation').addEventListener('change', e => { state.showAnnotation = e.target.checked; render(); });
  $('show-segmentation').addEventListener('change', e => { state.showSegmentation = e.target.checked; render(); });
  $('show-photo').addEventListener('change', e => { state.showPhoto = e.target.checked; render(); });
  $('annotation-opacity').addEventListener('input', render);
  $('segmentation-opacity').addEventListener('input', render);
  window.addEventListener('resize', resize);
  window.addEventListener('beforeunload', () => { save(); });

  // For people scripting the page (and the end-to-end test): where an image pixel is on the screen, and the state.
  window.rootseg = {
    state,
    imageToClient: (x, y) => {
      const r = canvas.getBoundingClientRect();
      return [r.left + state.ox + (x + 0.5) * state.scale, r.top + state.oy + (y + 0.5) * state.scale];
    },
    show,
  };

  (async () => {
    setTool('root');
    setSize(8);
    resize();
    const response = await api('photos');
    if (!response.ok) {
      $('status').textContent = response.status === 401 ? 'wrong or missing token: open the URL rootseg annotate printed' : 'cannot list photos';
      return;
    }
    state.photos = await response.json();
    const first = state.photos.findIndex(p => !p.set);
    await show(first < 0 ? 0 : first);
    pollStatus();
  })();
})();
