// The reader's progress on the exercises, kept in this browser only (localStorage): one key
// per question, "mlpcourse.exercise.<chapter>.<name>", holding the latest answer and status,
// the number of checks and of hints seen, and whether the solution was viewed. Nothing is
// sent anywhere. If the browser refuses storage (private mode, file:// in some browsers),
// progress lasts until the page is closed.
(function () {
  "use strict";
  var X = (window.mlpcourseExercises = window.mlpcourseExercises || {});
  var PREFIX = "mlpcourse.exercise.";
  var memory = {};

  function storage() {
    try {
      var s = window.localStorage, probe = PREFIX + "__probe__";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }
  var store = storage();

  function blank() { return { status: null, answer: null, checks: 0, hints: 0, solution: false }; }

  function read(id) {
    var text = store ? store.getItem(PREFIX + id) : memory[id];
    if (!text) { return blank(); }
    try {
      var saved = JSON.parse(text), record = blank();
      Object.keys(record).forEach(function (k) { if (k in saved) { record[k] = saved[k]; } });
      return record;
    } catch (e) {
      return blank();  // a damaged entry counts as no progress
    }
  }

  function announce() {
    try { window.dispatchEvent(new Event("mlpcourse-progress")); } catch (e) { /* old browser */ }
  }

  // Merge `changes` into the record of question `id` and save it.
  function update(id, changes) {
    var record = read(id);
    Object.keys(changes).forEach(function (k) { record[k] = changes[k]; });
    record.time = new Date().toISOString();
    var text = JSON.stringify(record);
    if (store) {
      try { store.setItem(PREFIX + id, text); } catch (e) { memory[id] = text; }
    } else {
      memory[id] = text;
    }
    announce();
    return record;
  }

  function ids() {
    var found = Object.keys(memory);
    if (store) {
      for (var i = 0; i < store.length; i += 1) {
        var key = store.key(i);
        if (key && key.indexOf(PREFIX) === 0) { found.push(key.slice(PREFIX.length)); }
      }
    }
    return found;
  }

  // Forget every saved answer, status, hint and solution of the course.
  function reset() {
    ids().forEach(function (id) {
      if (store) { store.removeItem(PREFIX + id); }
      delete memory[id];
    });
    announce();
  }

  X.store = { read: read, update: update, reset: reset, ids: ids, persistent: store !== null,
              PREFIX: PREFIX };
})();
