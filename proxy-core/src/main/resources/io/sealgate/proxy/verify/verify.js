// The verify page: sends the dropped document to POST <this address> and shows the JSON report
// (docs/verification.md) as a timeline. Builds every node with textContent: nothing from the report is parsed as HTML.
(function () {
  'use strict';

  var drop = document.getElementById('drop');
  var fileInput = document.getElementById('file');
  var contentInput = document.getElementById('content');
  var statusLine = document.getElementById('status');
  var result = document.getElementById('result');

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function setStatus(text, isError) {
    statusLine.textContent = text;
    statusLine.className = isError ? 'status error' : 'status';
  }

  function formatTime(iso) {
    if (!iso) {
      return 'no time given';
    }
    var d = new Date(iso);
    if (isNaN(d.getTime())) {
      return iso;
    }
    return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
  }

  // valid: the signature holds and nothing but allowed additions followed it.
  // changed: the signature itself holds, but the document was changed afterwards.
  // invalid: a check failed. unverified: nothing failed, but trust could not be established.
  function markOf(sig) {
    if (sig.status === 'VALID' && sig.coversCurrentDocument) {
      return 'valid';
    }
    var failed = sig.checks.filter(function (c) { return c.outcome === 'FAILED'; });
    if (!sig.coversCurrentDocument && failed.length > 0
        && failed.every(function (c) { return c.check === 'modifications'; })) {
      return 'changed';
    }
    if (sig.status === 'INVALID') {
      return 'invalid';
    }
    if (!sig.coversCurrentDocument) {
      return 'changed';
    }
    return sig.status === 'VALID' ? 'valid' : 'unverified';
  }

  var MARK_TEXT = { valid: 'Valid', changed: 'Changed', invalid: 'Invalid', unverified: 'Not trusted' };

  function reasonOf(sig) {
    var order = ['FAILED', 'INDETERMINATE'];
    for (var i = 0; i < order.length; i++) {
      for (var j = 0; j < sig.checks.length; j++) {
        if (sig.checks[j].outcome === order[i]) {
          return sig.checks[j].message;
        }
      }
    }
    return null;
  }

  function titleOf(sig) {
    if (sig.kind === 'DOCUMENT_TIMESTAMP') {
      var tsa = sig.timestamps.length > 0 && sig.timestamps[0].tsa ? sig.timestamps[0].tsa : 'a time-stamping authority';
      return 'Document timestamp by ' + tsa;
    }
    var s = sig.signer;
    if (!s) {
      return 'Unknown signer';
    }
    if (s.organisationSeal && s.organisation) {
      return 'Organisation seal of ' + s.organisation;
    }
    return s.userId || s.subject;
  }

  function card(sig) {
    var mark = markOf(sig);
    var li = el('li', 'card ' + mark);
    li.setAttribute('data-mark', mark);
    var head = el('div', 'card-head');
    head.appendChild(el('span', 'card-title', sig.number + '. ' + titleOf(sig)));
    head.appendChild(el('span', 'mark ' + mark, MARK_TEXT[mark]));
    li.appendChild(head);

    var meta = [];
    if (sig.kind === 'COUNTER_SIGNATURE') {
      meta.push('counter-signature');
    }
    if (sig.processStep) {
      meta.push('step: ' + sig.processStep);
    }
    if (sig.signer && sig.signer.roles.length > 0) {
      meta.push('role: ' + sig.signer.roles.join(', '));
    }
    if (sig.signer && sig.signer.organisation) {
      meta.push('organisation: ' + sig.signer.organisation);
    }
    var when = formatTime(sig.signingTime);
    if (sig.timeSource === 'TIMESTAMP') {
      when += ' (trusted timestamp)';
    } else if (sig.timeSource === 'CLAIMED') {
      when += ' (claimed by the signer)';
    }
    meta.push(when);
    if (sig.level !== 'NONE') {
      meta.push('level ' + sig.level);
    }
    li.appendChild(el('div', 'card-meta', meta.join(' · ')));

    var reason = reasonOf(sig);
    if (mark === 'changed' && !reason) {
      reason = 'The document was changed after this signature.';
    }
    if (reason && mark !== 'valid') {
      li.appendChild(el('div', 'card-reason', reason));
    }
    return li;
  }

  function fact(list, name, value, mono) {
    list.appendChild(el('dt', null, name));
    list.appendChild(el('dd', mono ? 'mono' : null, value));
  }

  function renderProcess(p) {
    var box = document.getElementById('process');
    clear(box);
    if (!p) {
      box.appendChild(el('p', 'muted', 'The document carries no approval process.'));
      return;
    }
    box.appendChild(el('p', 'process-summary', p.summary));
    var facts = el('dl', 'facts');
    if (p.template) {
      fact(facts, 'Process', p.template + (p.version ? ' v' + p.version : ''));
    }
    if (p.documentId) {
      fact(facts, 'Document id', p.documentId);
    }
    if (p.organisation) {
      fact(facts, 'Organisation', p.organisation);
    }
    fact(facts, 'Status', {
      FOLLOWED_COMPLETE: 'followed and complete',
      FOLLOWED_INCOMPLETE: 'followed so far, steps pending',
      VIOLATED: 'violated',
      MANIFEST_INVALID: 'the process manifest cannot be read'
    }[p.status] || p.status);
    box.appendChild(facts);
    var steps = el('ul', 'steps');
    steps.id = 'steps';
    p.stepsDone.forEach(function (s) { steps.appendChild(el('li', 'step done', '✓ ' + s)); });
    p.pendingSteps.forEach(function (s) { steps.appendChild(el('li', 'step pending', 'pending: ' + s)); });
    box.appendChild(steps);
    if (p.violations.length > 0) {
      var v = el('ul', 'violations');
      v.id = 'violations';
      p.violations.forEach(function (text) { v.appendChild(el('li', null, text)); });
      box.appendChild(v);
    }
  }

  function render(report) {
    var banner = document.getElementById('banner');
    banner.className = 'banner ' + report.verdict.toLowerCase();
    document.getElementById('verdict').textContent = report.verdict;
    document.getElementById('summary').textContent = report.summary;

    var doc = document.getElementById('document');
    clear(doc);
    fact(doc, 'Document', report.document);
    fact(doc, 'Format', report.format === 'CADES' ? 'CAdES signature' : 'PDF, ' + report.revisions + ' revision'
        + (report.revisions === 1 ? '' : 's'));
    fact(doc, 'SHA-256', report.sha256, true);
    fact(doc, 'Verified', formatTime(report.verifiedAt));

    renderProcess(report.process);

    var timeline = document.getElementById('timeline');
    clear(timeline);
    if (report.signatures.length === 0) {
      timeline.appendChild(el('li', 'muted', 'No signature was found.'));
    }
    report.signatures.forEach(function (sig) { timeline.appendChild(card(sig)); });

    var mods = document.getElementById('modifications');
    clear(mods);
    if (report.modifications.length === 0) {
      mods.appendChild(el('li', 'muted', 'Nothing changed after the first signature.'));
    }
    report.modifications.forEach(function (m) {
      mods.appendChild(el('li', m.allowed ? 'allowed' : 'not-allowed', 'Revision ' + m.revision + ': '
          + m.description + (m.allowed ? ' (allowed)' : ' (not allowed)')));
    });

    var problems = document.getElementById('problems');
    clear(problems);
    report.problems.forEach(function (text) { problems.appendChild(el('li', 'not-allowed', text)); });
    document.getElementById('problems-panel').hidden = report.problems.length === 0;

    result.hidden = false;
  }

  function verify(file) {
    if (!file) {
      return;
    }
    var form = new FormData();
    form.append('file', file, file.name);
    if (contentInput.files.length > 0) {
      form.append('content', contentInput.files[0], contentInput.files[0].name);
    }
    result.hidden = true;
    setStatus('Verifying ' + file.name + '…', false);
    fetch(window.location.pathname, { method: 'POST', body: form, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; },
          function () { throw new Error('the server answered ' + response.status + ' without a report'); });
      })
      .then(function (r) {
        if (!r.ok) {
          setStatus('Cannot verify ' + file.name + ': ' + (r.body.message || r.body.error), true);
          return;
        }
        setStatus('', false);
        render(r.body);
      })
      .catch(function (e) {
        setStatus('Cannot verify ' + file.name + ': ' + e.message, true);
      });
  }

  fileInput.addEventListener('change', function () {
    verify(fileInput.files[0]);
  });
  contentInput.addEventListener('change', function () {
    document.getElementById('content-name').textContent = contentInput.files.length > 0
      ? 'Signed content: ' + contentInput.files[0].name : '';
  });
  drop.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      fileInput.click();
    }
  });
  ['dragenter', 'dragover'].forEach(function (type) {
    drop.addEventListener(type, function (e) {
      e.preventDefault();
      drop.classList.add('over');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    drop.addEventListener(type, function (e) {
      e.preventDefault();
      drop.classList.remove('over');
    });
  });
  drop.addEventListener('drop', function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length > 0) {
      verify(e.dataTransfer.files[0]);
    }
  });
}());
