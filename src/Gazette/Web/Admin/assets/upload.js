// Drag-and-drop and paste upload into the media library, wherever an element names the endpoint in data-upload.
// The pages work without this file: the upload form posts as usual, and the body field takes Markdown typed by hand.
(() => {
  const targets = document.querySelectorAll("[data-upload]");
  if (targets.length === 0) {
    return;
  }
  const token = document.querySelector("input[name=__RequestVerificationToken]")?.value ?? "";

  const filesIn = (transfer) => [...(transfer?.files ?? [])];
  const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes("Files");

  // XMLHttpRequest rather than fetch: fetch cannot report how much of the body has gone up.
  const send = (endpoint, file, alt, onProgress) => new Promise((resolve) => {
    const body = new FormData();
    body.set("file", file);
    body.set("alt", alt);
    const request = new XMLHttpRequest();
    request.open("POST", endpoint);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("RequestVerificationToken", token);
    request.responseType = "json";
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) {
        onProgress(event.loaded / event.total);
      }
    });
    request.addEventListener("load", () => resolve(answer(request.status, request.response)));
    request.addEventListener("error", () => resolve({ errors: { "": "The upload did not reach the server: check the connection and try again." } }));
    request.send(body);
  });

  // The endpoint answers 201 with the image, a validation problem with messages by field, or a problem with a detail.
  const answer = (status, json) => {
    if (status === 201 && json) {
      return { item: json };
    }
    if (json?.errors) {
      return { errors: Object.fromEntries(Object.entries(json.errors).map(([field, messages]) => [field, [].concat(messages).join(" ")])) };
    }
    return { errors: { "": json?.detail ?? `The upload was refused (${status}): open the page again and retry.` } };
  };

  const describedBy = (control, id, present) => {
    const ids = (control.getAttribute("aria-describedby") ?? "").split(" ").filter((each) => each && each !== id);
    if (present) {
      ids.push(id);
    }
    if (ids.length > 0) {
      control.setAttribute("aria-describedby", ids.join(" "));
    } else {
      control.removeAttribute("aria-describedby");
    }
  };

  // The same markup as a refusal rendered by the server: a message after the field's hint, named by the control.
  const showError = (control, id, message) => {
    let error = document.getElementById(id);
    if (!error) {
      error = document.createElement("span");
      error.className = "error";
      error.id = id;
      control.closest(".field").append(error);
    }
    error.textContent = message;
    control.setAttribute("aria-invalid", "true");
    describedBy(control, id, true);
  };

  const clearError = (control, id) => {
    document.getElementById(id)?.remove();
    control.removeAttribute("aria-invalid");
    describedBy(control, id, false);
  };

  const statusLine = (after) => {
    const line = document.createElement("p");
    line.className = "upload-status";
    line.setAttribute("role", "status");
    after.after(line);
    return line;
  };

  const progress = (line, file, share) => {
    let bar = line.querySelector("progress");
    if (!bar) {
      line.replaceChildren();
      bar = document.createElement("progress");
      bar.max = 1;
      bar.setAttribute("aria-label", "Uploading " + file.name);
      line.append(bar, document.createTextNode(" Uploading " + file.name + "…"));
    }
    bar.value = share;
  };

  const dropTarget = (element, onFiles, pasteTarget = element) => {
    element.addEventListener("dragover", (event) => {
      if (carriesFiles(event)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
        element.classList.add("dropping");
      }
    });
    element.addEventListener("dragleave", () => element.classList.remove("dropping"));
    element.addEventListener("drop", (event) => {
      element.classList.remove("dropping");
      const files = filesIn(event.dataTransfer);
      if (files.length > 0) {
        event.preventDefault();
        onFiles(files);
      }
    });
    pasteTarget.addEventListener("paste", (event) => {
      const files = filesIn(event.clipboardData);
      if (files.length > 0) {
        event.preventDefault();
        onFiles(files);
      }
    });
  };

  // The upload form: a dropped or pasted file goes into its file field, and up at once when the alt text is there.
  const uploadForm = (form) => {
    const input = form.querySelector("input[type=file]");
    const alt = form.querySelector("[name=alt]");
    const hint = document.getElementById(input.id + "-hint");
    hint?.append(" Or drop or paste an image here.");
    const line = statusLine(form.querySelector(".actions"));
    dropTarget(form, async ([file]) => {
      const chosen = new DataTransfer();
      chosen.items.add(file);
      input.files = chosen.files;
      clearError(input, input.id + "-error");
      if (alt.value.trim() === "") {
        showError(alt, alt.id + "-error", "Describe the image for readers who cannot see it (alt text), then press Upload.");
        alt.focus();
        return;
      }
      clearError(alt, alt.id + "-error");
      const result = await send(form.dataset.upload, file, alt.value, (share) => progress(line, file, share));
      line.replaceChildren();
      if (result.item) {
        const link = document.createElement("a");
        link.href = "/admin/media/" + result.item.id;
        link.textContent = file.name;
        const markdown = document.createElement("code");
        markdown.textContent = result.item.markdown;
        line.append(result.item.reused ? "Already in the library: " : "Uploaded: ", link, ". Markdown for an article: ", markdown);
        form.reset();
        return;
      }
      const { file: fileError, alt: altError, ...rest } = result.errors;
      if (fileError) {
        showError(input, input.id + "-error", fileError);
      }
      if (altError) {
        showError(alt, alt.id + "-error", altError);
      }
      line.textContent = Object.values(rest).join(" ") || "The image was not uploaded: see the message beside the field.";
    }, document);
  };

  // The article's body: each dropped or pasted image is uploaded, and its Markdown replaces a placeholder left at the cursor.
  const bodyField = (area) => {
    const errorId = area.id + "-upload-error";
    const hint = document.getElementById(area.id + "-hint");
    hint?.append(" Drop or paste an image here to upload it and insert it.");
    const line = statusLine(hint ?? area);
    let uploads = 0;
    const changed = () => area.dispatchEvent(new Event("input", { bubbles: true }));
    // The cursor stays where the writer left it: shifted when after the placeholder, before the new text when inside it.
    const replace = (text, by) => {
      const at = area.value.indexOf(text);
      if (at < 0) {
        return;
      }
      const moved = (position) => (position >= at + text.length ? position + by.length - text.length : Math.min(position, at));
      const [start, end] = [moved(area.selectionStart), moved(area.selectionEnd)];
      area.setRangeText(by, at, at + text.length);
      area.setSelectionRange(start, end);
      changed();
    };
    const one = async (file) => {
      const alt = window.prompt(`Alt text for ${file.name}: what the image shows, for readers who cannot see it.`);
      if (alt === null) {
        return;
      }
      uploads += 1;
      const placeholder = `![Uploading ${file.name} (${uploads})…]()`;
      area.setRangeText(placeholder, area.selectionStart, area.selectionEnd, "end");
      changed();
      const result = await send(area.dataset.upload, file, alt, (share) => progress(line, file, share));
      line.replaceChildren();
      if (result.item) {
        clearError(area, errorId);
        replace(placeholder, result.item.markdown);
        line.textContent = (result.item.reused ? "Already in the library, inserted: " : "Uploaded and inserted: ") + file.name + ".";
        return;
      }
      replace(placeholder, "");
      showError(area, errorId, `${file.name} was not uploaded: ${Object.values(result.errors).join(" ")}`);
    };
    dropTarget(area, async (files) => {
      for (const file of files) {
        await one(file);
      }
    });
  };

  for (const target of targets) {
    if (target instanceof HTMLFormElement) {
      uploadForm(target);
    } else if (target instanceof HTMLTextAreaElement) {
      bodyField(target);
    }
  }
})();
