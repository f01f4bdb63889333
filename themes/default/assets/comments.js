// Enhancements of the comment form; without this file everything still works.
// - fill time: fetch a signed stamp when the reader starts typing
// - "Save my name...": keep name, email and website in this browser only
// - reply: move the form under the comment being answered, and back on cancel
(function () {
  "use strict";
  var form = document.getElementById("commentform");
  if (!form) return;
  var respond = document.getElementById("respond");
  var home = document.createComment("respond");
  respond.parentNode.insertBefore(home, respond);
  var parentField = document.getElementById("comment_parent");
  var title = document.getElementById("reply-title-text");
  var cancel = document.getElementById("cancel-comment-reply-link");
  var consent = document.getElementById("wp-comment-cookies-consent");
  var fields = ["author", "email", "url"];
  var storageKey = "gazette.commenter";
  var originalTitle = title.textContent;

  var stamped = false;
  form.addEventListener("input", function () {
    if (stamped) return;
    stamped = true;
    fetch("/comments/stamp", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (stamp) { document.getElementById("gz_stamp").value = stamp; })
      .catch(function () { stamped = false; });
  });

  try {
    var saved = JSON.parse(window.localStorage.getItem(storageKey) || "null");
    if (saved) {
      fields.forEach(function (name) {
        var input = document.getElementById(name);
        if (input && !input.value && saved[name]) input.value = saved[name];
      });
      consent.checked = true;
    }
  } catch (e) { /* storage unavailable: nothing to fill */ }

  form.addEventListener("submit", function () {
    try {
      if (consent.checked) {
        var values = {};
        fields.forEach(function (name) { values[name] = document.getElementById(name).value; });
        window.localStorage.setItem(storageKey, JSON.stringify(values));
      } else {
        window.localStorage.removeItem(storageKey);
      }
    } catch (e) { /* storage unavailable: nothing to save */ }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".comment-reply-link") : null;
    if (!link) return;
    var comment = document.getElementById("comment-" + link.getAttribute("data-comment-id"));
    if (!comment) return;
    event.preventDefault();
    comment.querySelector(".comment__body").insertAdjacentElement("afterend", respond);
    parentField.value = link.getAttribute("data-comment-id");
    title.textContent = "Reply to " + link.getAttribute("data-author");
    cancel.hidden = false;
    document.getElementById("comment").focus();
  });

  cancel.addEventListener("click", function (event) {
    event.preventDefault();
    home.parentNode.insertBefore(respond, home.nextSibling);
    parentField.value = "0";
    title.textContent = originalTitle;
    cancel.hidden = true;
  });
})();
