// A live blog's page, kept current while it is open and visible: every few seconds
// (data-live-seconds) it asks the live endpoint for the newest entries and puts the
// ones it lacks at the top, saying politely how many came. It stops when the
// coverage ends. Without this file the page is complete; a reload shows the same.
(function () {
  "use strict";
  var section = document.getElementById("live");
  if (!section || !section.getAttribute("data-live-poll")) return;
  var url = section.getAttribute("data-live-poll");
  var seconds = Math.max(1, parseInt(section.getAttribute("data-live-seconds"), 10) || 30);
  var list = section.querySelector(".live__entries");
  var announce = section.querySelector(".live__announce");
  var timer = null;
  var busy = false;

  function text(tag, className, value) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = value;
    return element;
  }

  // The same markup as partials/live-entry.liquid; the body is HTML sanitized when it was saved.
  function build(entry) {
    var item = document.createElement("li");
    item.className = "live-entry" + (entry.keyEvent ? " live-entry--key" : "");
    item.id = entry.anchor;
    var stamp = document.createElement("p");
    stamp.className = "live-entry__time";
    var link = document.createElement("a");
    link.href = entry.url;
    var time = document.createElement("time");
    time.setAttribute("datetime", entry.iso);
    time.appendChild(document.createTextNode(entry.clock + " "));
    time.appendChild(text("span", "live-entry__date", entry.date));
    link.appendChild(time);
    stamp.appendChild(link);
    if (entry.keyEvent) {
      stamp.appendChild(document.createTextNode(" "));
      stamp.appendChild(text("strong", "live-entry__key", "Key event"));
    }
    item.appendChild(stamp);
    if (entry.headline) item.appendChild(text("h3", "live-entry__headline", entry.headline));
    var body = document.createElement("div");
    body.className = "live-entry__body";
    body.innerHTML = entry.html;
    item.appendChild(body);
    item.appendChild(text("p", "live-entry__author", entry.author));
    return item;
  }

  function apply(data) {
    var fresh = (data.entries || []).filter(function (entry) { return !document.getElementById(entry.anchor); });
    // The endpoint lists newest first: inserting from the oldest keeps that order at the top.
    for (var i = fresh.length - 1; i >= 0; i--) list.insertBefore(build(fresh[i]), list.firstChild);
    if (fresh.length > 0) {
      var empty = section.querySelector(".live__empty");
      if (empty) empty.parentNode.removeChild(empty);
      announce.textContent = fresh.length === 1 ? "1 new update" : fresh.length + " new updates";
    }
    if (!data.live) {
      stop();
      announce.textContent += (announce.textContent ? ". " : "") + "The live coverage has ended.";
    }
  }

  function poll() {
    if (busy || document.hidden) return;
    busy = true;
    fetch(url, { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) apply(data); })
      .catch(function () { /* offline for a moment: the next poll tries again */ })
      .then(function () { busy = false; });
  }

  function start() {
    if (timer === null) timer = window.setInterval(poll, seconds * 1000);
  }

  function stop() {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
    document.removeEventListener("visibilitychange", visibility);
  }

  function visibility() {
    if (document.hidden) {
      if (timer !== null) window.clearInterval(timer);
      timer = null;
    } else {
      poll();
      start();
    }
  }

  document.addEventListener("visibilitychange", visibility);
  start();
})();
