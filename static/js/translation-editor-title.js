/* Translates the section title of wagtail-localize's translation editor.
   wagtail-localize 1.14.5 builds that title in its React bundle as the
   English sentence "<source> to <target> translation", outside gettext, so
   no catalogue reaches it. This script replaces the sentence with the one
   from the JavaScript catalogue whenever the bundle inserts it. The locale
   names come from the editor's data-props, the JSON that the bundle reads. */
(function () {
  "use strict";

  function translateEditorTitles(editor) {
    var props = JSON.parse(editor.dataset.props);
    var names = {
      source: props.sourceLocale.displayName,
      target: props.locale.displayName,
    };
    var untranslatedTitle = names.source + " to " + names.target + " translation";
    var translatedTitle = interpolate(
      gettext("%(source)s to %(target)s translation"),
      names,
      true
    );

    function replaceTitles() {
      var headings = editor.querySelectorAll("section h3");
      Array.prototype.forEach.call(headings, function (heading) {
        if (heading.textContent === untranslatedTitle) {
          heading.textContent = translatedTitle;
        }
      });
    }

    // React may insert a section again after its first render.
    new MutationObserver(replaceTitles).observe(editor, {
      childList: true,
      subtree: true,
    });
    replaceTitles();
  }

  // Wagtail's admin loads scripts before the page content.
  document.addEventListener("DOMContentLoaded", function () {
    var editor = document.querySelector(".js-translation-editor");
    if (editor) {
      translateEditorTitles(editor);
    }
  });
})();
