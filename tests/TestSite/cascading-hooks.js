// Records the CascadingDropDown client events so browser tests can check them.
window.CascadingLog = {
  log: [],
  cancelPopulating: false,
  populating: function (e) { CascadingLog.log.push('populating:' + e.parentValue); if (CascadingLog.cancelPopulating) { e.cancel = true; } },
  populated: function (e) { CascadingLog.log.push('populated:' + e.items.length); },
  selectionChanged: function (e) { CascadingLog.log.push('selectionChanged:' + e.value); }
};
