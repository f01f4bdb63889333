// The article editor works without this file: it keeps the post lock while the page is open (every 60 s) and lets go of it
// when the page closes, autosaves the form every 30 s, and shows a live preview beside the form.
(() => {
  const form = document.querySelector("form.editor");
  if (!form) {
    return;
  }
  const token = form.querySelector("input[name=__RequestVerificationToken]")?.value;
  const signed = (body) => {
    if (token) {
      body.set("__RequestVerificationToken", token);
    }
    return body;
  };
  const post = (handler, body) =>
    fetch(window.location.pathname + "?handler=" + handler, { method: "POST", body: signed(body), credentials: "same-origin" });

  if (/\/articles\/\d+$/.test(window.location.pathname)) {
    setInterval(() => post("renew", new FormData()), 60000);
    // A form sent from this page opens the editor again, which takes the lock: a release racing that request could undo it.
    let sending = false;
    document.addEventListener("submit", (event) => {
      sending = !event.defaultPrevented && (event.submitter?.formTarget || event.target.target) !== "_blank";
    });
    window.addEventListener("pagehide", () => {
      if (!sending) {
        navigator.sendBeacon(window.location.pathname + "?handler=release", signed(new FormData()));
      }
    });
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) {
        sending = false;
        post("renew", new FormData());
      }
    });
  }

  let last = new URLSearchParams(new FormData(form)).toString();
  setInterval(() => {
    const data = new FormData(form);
    const now = new URLSearchParams(data).toString();
    if (now !== last) {
      last = now;
      post("autosave", data);
    }
  }, 30000);

  // The live preview: the form posted to the server-side preview's handler about a second after typing stops, its answer
  // shown in a frame. The frame is sandboxed without scripts; same origin only so that this script can keep its scroll.
  const preview = form.querySelector("button[formaction='?handler=preview']");
  if (!preview) {
    return;
  }
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "secondary";
  toggle.textContent = "Live preview";
  toggle.setAttribute("aria-pressed", "false");
  toggle.setAttribute("aria-controls", "live-preview");
  preview.after(toggle);

  const split = document.createElement("div");
  split.className = "editor-split";
  form.before(split);
  const panel = document.createElement("section");
  panel.className = "panel live-preview";
  panel.id = "live-preview";
  panel.hidden = true;
  panel.setAttribute("aria-labelledby", "live-preview-heading");
  const heading = document.createElement("h2");
  heading.id = "live-preview-heading";
  heading.textContent = "Live preview";
  const status = document.createElement("p");
  status.className = "hint";
  status.setAttribute("role", "status");
  panel.append(heading, status);
  split.append(form, panel);
  // Made when first opened: a closed panel holds no frame (a frame that runs no script also stalls tools that inject one, such as axe).
  let frame;
  const framed = () => {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.setAttribute("sandbox", "allow-same-origin");
      frame.title = "Live preview: the article as the site will show it";
      panel.append(frame);
    }
    return frame;
  };

  let timer;
  let pending;
  const refresh = async () => {
    pending?.abort();
    pending = new AbortController();
    try {
      const response = await fetch(preview.formAction, { method: "POST", body: new FormData(form), credentials: "same-origin", signal: pending.signal });
      const page = await response.text();
      const shown = framed();
      const scrolled = shown.contentWindow?.scrollY ?? 0;
      shown.addEventListener("load", () => shown.contentWindow?.scrollTo({ top: scrolled, behavior: "instant" }), { once: true });
      shown.srcdoc = page;
      status.textContent = response.ok ? "" : `The preview was refused (${response.status}): the page below says why.`;
    } catch (error) {
      if (error.name !== "AbortError") {
        status.textContent = "The preview could not be updated: check the connection.";
      }
    }
  };
  const later = () => {
    if (!panel.hidden) {
      clearTimeout(timer);
      timer = setTimeout(refresh, 1000);
    }
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);

  // Open or closed as the member left it last time; where storage is refused, it starts closed.
  const remembered = "gazette.livePreview";
  const storage = (() => {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  })();
  const show = (open) => {
    panel.hidden = !open;
    split.classList.toggle("previewing", open);
    toggle.setAttribute("aria-pressed", String(open));
    storage?.setItem(remembered, open ? "open" : "closed");
    if (open) {
      refresh();
    }
  };
  toggle.addEventListener("click", () => show(panel.hidden));
  if (storage?.getItem(remembered) === "open") {
    show(true);
  }
})();
