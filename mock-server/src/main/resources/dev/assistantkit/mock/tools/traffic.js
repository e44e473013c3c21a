// The traffic page's script (/__mock/traffic.js): filters the exchanges by rule, and, when the page
// shows the newest exchanges, asks the mock every few seconds for those that came since and puts
// them at the top, without reloading the page.
//
// Every row comes from the mock's own rendering of the page (fetched from this origin and parsed
// with DOMParser, which runs no script), where everything a request sent is escaped text. This
// script writes nothing as HTML: rule names go into the selector with textContent, numbers with
// textContent. The page's Content-Security-Policy runs no other script.
(function () {
  'use strict';

  var table = document.getElementById('traffic');
  var select = document.getElementById('rule');
  if (!table || !select) {
    return;
  }
  var body = table.tBodies[0];
  var floor = Number(table.dataset.floor) || 0;
  var limit = Number(table.dataset.limit) || 10000;
  var every = Number(table.dataset.every) || 2000;
  // exchanges are numbered as they end and kept as they are recorded: one may be kept just after a
  // newer one, so each read starts this many before the newest shown, and rows already there stay
  var MARGIN = 32;

  function seqOf(tr) {
    return Number(tr.dataset.seq) || 0;
  }

  function matches(tr, rule) {
    return rule === '' || (tr.dataset.rules || '').indexOf(' ' + rule + ' ') >= 0;
  }

  function filter() {
    var rule = select.value;
    Array.prototype.forEach.call(body.rows, function (tr) {
      tr.hidden = !matches(tr, rule);
    });
  }

  // the selector's rules and how often the rows shown name them, as the mock counts them
  function countRules() {
    var counts = Object.create(null);
    Array.prototype.forEach.call(body.rows, function (tr) {
      (tr.dataset.rules || '').split(' ').forEach(function (r) {
        if (r !== '') {
          counts[r] = (counts[r] || 0) + 1;
        }
      });
    });
    var chosen = select.value;
    var wanted = Object.keys(counts)
      .sort()
      .map(function (r) {
        return [r, r + ' (' + counts[r] + ')'];
      });
    if (chosen !== '' && !counts[chosen]) {
      // the chosen rule's exchanges are gone (a reset, or the oldest dropped): it stays chosen
      wanted.push([chosen, chosen + ' (0)']);
    }
    var have = Array.prototype.slice.call(select.options, 1).map(function (o) {
      return [o.value, o.textContent];
    });
    if (JSON.stringify(wanted) === JSON.stringify(have)) {
      return; // as it was: a list a person has open is left alone
    }
    while (select.options.length > 1) {
      select.remove(1);
    }
    wanted.forEach(function (w) {
      var option = document.createElement('option');
      option.value = w[0];
      option.textContent = w[1];
      select.appendChild(option);
    });
    select.value = chosen;
  }

  function newest() {
    var max = 0;
    Array.prototype.forEach.call(body.rows, function (tr) {
      max = Math.max(max, seqOf(tr));
    });
    return max;
  }

  // puts a row where its number belongs (newest first); false when the page has it or must not
  function insert(tr) {
    var seq = seqOf(tr);
    if (seq <= 0 || seq < floor) {
      return false;
    }
    var rows = body.rows;
    for (var i = 0; i < rows.length; i++) {
      var other = seqOf(rows[i]);
      if (other === seq) {
        return false;
      }
      if (other < seq) {
        body.insertBefore(tr, rows[i]);
        return true;
      }
    }
    body.appendChild(tr);
    return true;
  }

  function say(text) {
    document.getElementById('refresh').textContent = text;
  }

  function update(doc) {
    var got = doc.getElementById('traffic');
    if (!got) {
      return false;
    }
    // what the mock no longer keeps (a reset, or the oldest dropped) goes from the page too
    var kept = Number(got.dataset.kept) || 0;
    var oldest = Number(got.dataset.oldest) || 0;
    Array.prototype.slice.call(body.rows).forEach(function (tr) {
      if (kept === 0 || seqOf(tr) < oldest) {
        tr.remove();
      }
    });
    Array.prototype.forEach.call(got.tBodies[0].rows, function (tr) {
      var row = document.importNode(tr, true);
      if (insert(row)) {
        row.hidden = !matches(row, select.value);
      }
    });
    while (body.rows.length > limit) {
      body.deleteRow(-1);
    }
    document.getElementById('shown').textContent = String(body.rows.length);
    document.getElementById('kept').textContent = String(kept);
    countRules();
    return true;
  }

  function poll() {
    if (document.hidden) {
      setTimeout(poll, every);
      return;
    }
    // no limit asked: with fewer rows than the margin a read would never get past it; the page
    // keeps its newest `limit` rows below
    var from = Math.max(1, floor, newest() - MARGIN + 1);
    fetch('/__mock/traffic.html?from=' + from, {
      cache: 'no-store',
      credentials: 'same-origin',
    })
      .then(function (res) {
        if (!res.ok) {
          throw new Error('HTTP ' + res.status);
        }
        return res.text();
      })
      .then(function (text) {
        if (!update(new DOMParser().parseFromString(text, 'text/html'))) {
          throw new Error('not the traffic page');
        }
        say('New exchanges appear at the top as they come (the page asks every ' +
          every / 1000 + ' s). Last asked at ' + new Date().toLocaleTimeString() + '.');
      })
      .catch(function (e) {
        say('Could not ask the mock for new exchanges (' + e.message + '); trying again.');
      })
      .then(function () {
        setTimeout(poll, every);
      });
  }

  select.addEventListener('change', filter);
  if (table.dataset.live === 'true') {
    setTimeout(poll, every);
  }
})();
