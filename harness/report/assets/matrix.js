// The matrix page's behaviour (filters, search, expand/collapse, deep links); inlined into matrix.html by html.ts.
(function () {
  var d = document,
    b = d.body;
  b.classList.remove('nojs');
  var q = d.getElementById('f-q'),
    area = d.getElementById('f-area'),
    dis = d.getElementById('f-disagree'),
    cnt = d.getElementById('f-count');
  var vs = [].slice.call(d.querySelectorAll('input[name=v]'));
  var groups = [].slice.call(d.querySelectorAll('tbody.area'));
  var total = d.querySelectorAll('tr.check').length;
  var form = d.querySelector('.filters');
  function fh() {
    d.documentElement.style.setProperty('--filters-h', form.offsetHeight + 'px');
  }
  fh();
  addEventListener('resize', fh);
  function apply() {
    var terms = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var on = {};
    vs.forEach(function (v) {
      if (v.checked) on[v.value] = 1;
    });
    var a = area.value,
      shown = 0;
    groups.forEach(function (g) {
      var rows = g.querySelectorAll('tr.check'),
        n = 0;
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i];
        var ok =
          (!a || a === g.getAttribute('data-area')) &&
          terms.every(function (t) {
            return r.getAttribute('data-text').indexOf(t) >= 0;
          }) &&
          r
            .getAttribute('data-v')
            .split(' ')
            .some(function (v) {
              return on[v];
            }) &&
          (!dis.checked || r.getAttribute('data-disagree') === '1');
        r.hidden = !ok;
        if (ok) n++;
      }
      g.hidden = !n;
      shown += n;
      g.querySelector('.gshown').textContent = n < rows.length ? '(' + n + ' shown)' : '';
    });
    cnt.textContent = shown + ' of ' + total + ' checks';
  }
  [q, area, dis].concat(vs).forEach(function (el) {
    el.addEventListener('input', apply);
    el.addEventListener('change', apply);
  });
  d.getElementById('f-problems').addEventListener('click', function () {
    vs.forEach(function (v) {
      v.checked = v.value !== 'pass';
    });
    apply();
  });
  d.getElementById('f-reset').addEventListener('click', function () {
    q.value = '';
    area.value = '';
    dis.checked = false;
    vs.forEach(function (v) {
      v.checked = true;
    });
    apply();
  });
  function openAll(o) {
    d.querySelectorAll('tr.check:not([hidden]) td.cell details').forEach(function (x) {
      x.open = o;
    });
  }
  d.getElementById('f-open').addEventListener('click', function () {
    openAll(true);
  });
  d.getElementById('f-close').addEventListener('click', function () {
    openAll(false);
  });
  groups.forEach(function (g) {
    var btn = g.querySelector('.toggle');
    btn.addEventListener('click', function () {
      var c = g.classList.toggle('collapsed');
      btn.setAttribute('aria-expanded', String(!c));
    });
  });
  /* opening one cell opens its whole row: the row grows anyway, so show every engine's expected vs observed */
  d.addEventListener(
    'toggle',
    function (e) {
      var t = e.target;
      if (!t || t.tagName !== 'DETAILS') return;
      var tr = t.closest('tr');
      if (!tr) return;
      tr.querySelectorAll('details').forEach(function (x) {
        if (x !== t && x.open !== t.open) x.open = t.open;
      });
      tr.classList.toggle('open', t.open);
    },
    true,
  );
  d.addEventListener('keydown', function (e) {
    if (e.key === '/' && !/^(INPUT|SELECT|TEXTAREA)$/.test((e.target && e.target.tagName) || '')) {
      e.preventDefault();
      q.focus();
      q.select();
    } else if (e.key === 'Escape' && e.target === q) {
      q.value = '';
      apply();
    }
  });
  function hash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var r = id && d.getElementById(id);
    if (r && r.classList.contains('check')) {
      var g = r.closest('tbody');
      if (g) g.classList.remove('collapsed');
      var x = r.querySelector('details');
      if (x) x.open = true;
    }
  }
  addEventListener('hashchange', hash);
  hash();
  apply();
})();
/* the details of cells that went as recorded come from matrix.details.js, loaded the first time one is opened */
(function () {
  var d = document,
    loading = null;
  function fill() {
    d.querySelectorAll('details[open] .detail[data-lazy]').forEach(function (x) {
      var h = window.gumDetails && window.gumDetails[+x.getAttribute('data-lazy')];
      if (h !== undefined) {
        x.innerHTML = h;
        x.removeAttribute('data-lazy');
      }
    });
  }
  d.addEventListener(
    'toggle',
    function (e) {
      var t = e.target;
      if (!t || t.tagName !== 'DETAILS' || !t.open || !t.querySelector('.detail[data-lazy]')) return;
      if (window.gumDetails) {
        fill();
        return;
      }
      if (!loading) {
        loading = d.createElement('script');
        loading.src = 'matrix.details.js';
        loading.onload = fill;
        d.head.appendChild(loading);
      } else if (window.gumDetails) fill();
    },
    true,
  );
})();
