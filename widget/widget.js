/*
 * Compact assistant: the website chat widget.
 *
 * Embed with one tag (see docs/widget.md):
 *   <script src="https://BOT-HOST/widget/widget.js" data-title="Compact assistant" defer></script>
 *
 * Plain JavaScript, no dependencies, no build step. Everything it draws lives in a shadow root,
 * so the page's styles cannot reach in and its own styles cannot leak out. Bot messages are
 * rendered with a small Markdown subset (bold, italics, lists, safe links) by building DOM nodes
 * from text: no message is ever parsed as HTML.
 */
(function () {
  "use strict";

  if (window.CompactAssistant) return; // the tag was included twice

  var VERSION = "1.0.0";
  var MAX_CHARS = 2000;
  var MAX_STORED_MESSAGES = 200;
  var DEFAULT_ACCENT = "#1d4f91";
  var BOT_BUBBLE = "#f3f2f1"; // widget.css: .bot .bubble
  var DEFAULT_TIMEOUT_MS = 30000;

  // The widget's words, from the widget group of bot/wording.yaml: the server puts them here
  // when it serves this file (bot/widget_channel.py).
  var WORDING = /*wording*/ {};

  /* ------------------------------------------------------------------ *
   * Pure helpers (exposed as CompactAssistant.internals for the tests)  *
   * ------------------------------------------------------------------ */

  /** The words for `key`, its {placeholders} filled from `values` ({{ and }} are literal braces). */
  function t(key, values) {
    var template = Object.prototype.hasOwnProperty.call(WORDING, key) ? String(WORDING[key]) : key;
    return template.replace(/\{\{|\}\}|\{(\w+)\}/g, function (match, name) {
      if (!name) return match.charAt(0);
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  /** A link target that is safe to open, or null: only absolute http(s), mailto and tel. */
  function safeUrl(href) {
    // As browsers do: tabs and newlines anywhere, control characters and spaces at either end
    // are ignored ("java\tscript:" is javascript:).
    var cleaned = String(href || "").replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
    if (!/^(https?:\/\/|mailto:|tel:)/i.test(cleaned)) return null;
    try {
      return new URL(cleaned).href;
    } catch (e) {
      return null;
    }
  }

  // Bold, a link, a bare web address, italics, or a backslash escape (the bot escapes a user's own
  // words it repeats, so they show as typed: compact/markdown.py).
  var INLINE = /\*\*([^*\n](?:[^\n]*?[^*\s])?)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"])|\*([^*\s](?:[^*\n]*[^*\s])?)\*|\\([!-\/:-@\[-`{-~])/g;

  /** Inline Markdown to tokens: {text}, {strong: [...]}, {em: [...]}, {link: href, children: [...]}. */
  function parseInline(text, insideLink) {
    var tokens = [];
    var last = 0;
    var match;
    var re = new RegExp(INLINE.source, "g");
    while ((match = re.exec(text)) !== null) {
      if (match.index > last) tokens.push({ text: text.slice(last, match.index) });
      if (match[1] !== undefined) {
        tokens.push({ strong: parseInline(match[1], insideLink) });
      } else if (match[2] !== undefined) {
        var href = insideLink ? null : safeUrl(match[3]);
        // An unsafe or nested link is shown exactly as it was written, as text.
        tokens.push(href ? { link: href, children: parseInline(match[2], true) } : { text: match[0] });
      } else if (match[4] !== undefined) {
        var url = insideLink ? null : safeUrl(match[4]);
        tokens.push(url ? { link: url, children: [{ text: match[4] }] } : { text: match[4] });
      } else if (match[5] !== undefined) {
        tokens.push({ em: parseInline(match[5], insideLink) });
      } else {
        tokens.push({ text: match[6] });
      }
      last = re.lastIndex;
    }
    if (last < text.length) tokens.push({ text: text.slice(last) });
    return tokens;
  }

  /** Block Markdown to blocks: {p: [lines]}, {ul: [items]}, {ol: [items], start}. Headings become bold lines. */
  function parseMarkdown(text) {
    var blocks = [];
    var current = null;
    String(text || "").replace(/\r\n?/g, "\n").split("\n").forEach(function (line) {
      var bullet = /^\s*[-*\u2022]\s+(.*)$/.exec(line);
      var numbered = /^\s*(\d{1,3})[.)]\s+(.*)$/.exec(line);
      var heading = /^\s{0,3}#{1,6}\s+(.*)$/.exec(line);
      if (!line.trim()) {
        current = null;
      } else if (bullet || numbered) {
        var kind = bullet ? "ul" : "ol";
        if (!current || current.kind !== kind) {
          current = { kind: kind, items: [], start: numbered ? parseInt(numbered[1], 10) : 1 };
          blocks.push(current);
        }
        current.items.push(parseInline(bullet ? bullet[1] : numbered[2]));
      } else if (current && current.kind !== "p" && /^\s+\S/.test(line)) {
        var items = current.items; // an indented line continues the list item above it
        items[items.length - 1] = items[items.length - 1].concat([{ text: " " }], parseInline(line.trim()));
      } else {
        if (!current || current.kind !== "p") {
          current = { kind: "p", lines: [] };
          blocks.push(current);
        }
        current.lines.push(heading ? [{ strong: parseInline(heading[1]) }] : parseInline(line));
      }
    });
    return blocks;
  }

  function hidden(doc, text) {
    var span = doc.createElement("span");
    span.className = "visually-hidden";
    span.textContent = text;
    return span;
  }

  function renderInline(tokens, doc, parent) {
    tokens.forEach(function (token) {
      if (token.text !== undefined) {
        parent.appendChild(doc.createTextNode(token.text));
      } else if (token.strong) {
        renderInline(token.strong, doc, parent.appendChild(doc.createElement("strong")));
      } else if (token.em) {
        renderInline(token.em, doc, parent.appendChild(doc.createElement("em")));
      } else {
        var a = doc.createElement("a");
        a.href = token.link;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        renderInline(token.children, doc, a);
        a.appendChild(hidden(doc, t("new_tab")));
        parent.appendChild(a);
      }
    });
  }

  /** Markdown subset to a DocumentFragment, built from text nodes and a few safe elements. */
  function renderMarkdown(text, doc) {
    doc = doc || document;
    var fragment = doc.createDocumentFragment();
    parseMarkdown(text).forEach(function (block) {
      if (block.kind === "p") {
        var p = doc.createElement("p");
        block.lines.forEach(function (line, i) {
          if (i) p.appendChild(doc.createElement("br"));
          renderInline(line, doc, p);
        });
        fragment.appendChild(p);
      } else {
        var list = doc.createElement(block.kind);
        if (block.kind === "ol" && block.start !== 1) list.start = block.start;
        block.items.forEach(function (item) {
          renderInline(item, doc, list.appendChild(doc.createElement("li")));
        });
        fragment.appendChild(list);
      }
    });
    return fragment;
  }

  /** [r, g, b] from "#rgb" or "#rrggbb", or null. */
  function parseHex(colour) {
    var m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(colour || "").trim());
    if (!m) return null;
    var hex = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
    return [0, 2, 4].map(function (i) { return parseInt(hex.slice(i, i + 2), 16); });
  }

  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  /** WCAG contrast ratio of two "#rrggbb" colours (1 to 21). */
  function contrastRatio(a, b) {
    var la = luminance(parseHex(a));
    var lb = luminance(parseHex(b));
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /**
   * The colours the widget uses, from the page's data-accent. Text on the accent is white or
   * black, whichever contrasts more (one of them always reaches 4.58:1). Links, choices and
   * focus rings use the accent only when it reaches 4.5:1 on the bot's bubbles, else the default.
   */
  function themeFor(accent) {
    var chosen = parseHex(accent) ? String(accent).trim().toLowerCase() : DEFAULT_ACCENT;
    var onAccent = contrastRatio(chosen, "#ffffff") >= contrastRatio(chosen, "#000000") ? "#ffffff" : "#000000";
    var link = contrastRatio(chosen, BOT_BUBBLE) >= 4.5 ? chosen : DEFAULT_ACCENT; // the bubble is darker than white
    return { accent: chosen, onAccent: onAccent, link: link };
  }

  /** "Retry" advice for a failed request, from its HTTP status (0: no answer at all). */
  function failureText(status, reason) {
    if (status === 0) return t("offline");
    if (status === 429) return t("too_many");
    if (status === 403) return t("not_allowed");
    if (status === 400 || status === 413) return reason ? t("refused_because", { reason: reason }) : t("refused");
    return t("failed");
  }

  /* ------------------------------------------------------------------ *
   * Configuration from the script tag's data attributes                *
   * ------------------------------------------------------------------ */

  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  var data = (script && script.dataset) || {};
  var scriptUrl;
  try {
    scriptUrl = new URL((script && script.src) || "widget.js", document.baseURI);
  } catch (e) {
    scriptUrl = new URL(window.location.origin + "/widget/widget.js");
  }
  var server = (data.server || scriptUrl.origin).replace(/\/+$/, "");
  var config = {
    server: server,
    endpoint: server + "/widget/webhook",
    conversationUrl: server + "/widget/conversation",
    feedbackUrl: server + "/widget/feedback",
    stylesheet: new URL("widget.css", scriptUrl).href,
    title: data.title || t("title"),
    launcherText: data.launcherText || t("launcher"),
    greeting: data.greeting || "",
    theme: themeFor(data.accent),
    position: data.position === "left" ? "left" : "right",
    timeoutMs: parseInt(data.timeout, 10) > 0 ? parseInt(data.timeout, 10) : DEFAULT_TIMEOUT_MS,
    storageKey: "compact-assistant:v1:" + server
  };

  /* ------------------------------------------------------------------ *
   * Conversation state, kept in this tab's sessionStorage              *
   * ------------------------------------------------------------------ */

  var memory = {}; // used when sessionStorage is unavailable (private modes, blocked storage)
  function readState() {
    var raw;
    try { raw = window.sessionStorage.getItem(config.storageKey); } catch (e) { raw = memory[config.storageKey]; }
    try {
      var state = raw ? JSON.parse(raw) : null;
      if (state && typeof state.sender === "string" && Array.isArray(state.messages)) {
        state.messages.forEach(function (m) { // the page was left while a message was on its way
          if (m.from === "user" && m.status === "sending") {
            m.status = "failed";
            m.failure = t("interrupted");
          }
        });
        return state;
      }
    } catch (e) { /* a damaged entry starts a new conversation */ }
    return { sender: "", open: false, draft: "", messages: [] };
  }
  var state = readState();
  function saveState() {
    state.messages = state.messages.slice(-MAX_STORED_MESSAGES);
    var raw = JSON.stringify(state);
    try { window.sessionStorage.setItem(config.storageKey, raw); } catch (e) { memory[config.storageKey] = raw; }
  }

  /* ------------------------------------------------------------------ *
   * The user interface                                                  *
   * ------------------------------------------------------------------ */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var host = el("compact-assistant-widget");
  var root = host.attachShadow({ mode: "open" });
  var style = el("link", { rel: "stylesheet", href: config.stylesheet });
  root.appendChild(style);
  host.style.setProperty("display", "none", "important"); // until the stylesheet has loaded
  style.addEventListener("load", function () { host.style.removeProperty("display"); });
  style.addEventListener("error", function () { host.style.removeProperty("display"); });

  var aside = el("aside", { "class": "widget " + config.position, "aria-label": config.title, lang: "en-GB" });
  aside.style.setProperty("--accent", config.theme.accent);
  aside.style.setProperty("--on-accent", config.theme.onAccent);
  aside.style.setProperty("--link", config.theme.link);
  root.appendChild(aside);

  var launcher = el("button", { type: "button", "class": "launcher", "aria-expanded": "false", "aria-controls": "panel" });
  launcher.appendChild(el("span", { "class": "launcher-icon", "aria-hidden": "true" }));
  launcher.appendChild(el("span", {}, config.launcherText));
  aside.appendChild(launcher);

  var panel = el("div", { id: "panel", "class": "panel", hidden: "" });
  var header = el("div", { "class": "header" });
  header.appendChild(el("h2", { id: "title", "class": "title" }, config.title));
  var restart = el("button", { type: "button", "class": "header-button" }, t("start_again"));
  var close = el("button", { type: "button", "class": "header-button close", "aria-label": t("close") });
  close.appendChild(el("span", { "aria-hidden": "true" }, "\u00d7"));
  header.appendChild(restart);
  header.appendChild(close);
  panel.appendChild(header);

  var log = el("div", { "class": "log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
                        "aria-labelledby": "title", tabindex: "0" });
  panel.appendChild(log);

  var typing = el("div", { "class": "typing", role: "status" });
  panel.appendChild(typing);

  var alertBox = el("div", { "class": "alert", role: "alert" });
  panel.appendChild(alertBox);

  var form = el("form", { "class": "composer" });
  var label = el("label", { "for": "input", "class": "visually-hidden" }, t("input_label"));
  var input = el("textarea", { id: "input", rows: "1", maxlength: String(MAX_CHARS), placeholder: t("placeholder"),
                               autocomplete: "off" });
  var sendButton = el("button", { type: "submit", "class": "send" }, t("send"));
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(sendButton);
  panel.appendChild(form);
  panel.appendChild(el("p", { "class": "privacy" }, t("privacy")));
  aside.appendChild(panel);

  var busy = false;

  function timeLabel(iso) {
    var when = new Date(iso);
    return isNaN(when) ? "" : when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  /** One message in the transcript. Only new bot messages are announced: everything else is
   *  added with aria-live="off", which the log's polite announcements then skip. */
  function renderMessage(message, announce) {
    var item = el("div", { "class": "message " + message.from });
    if (!announce) item.setAttribute("aria-live", "off");
    var who = el("span", { "class": "visually-hidden" }, message.from === "bot" ? t("said_by_assistant") : t("said_by_you"));
    var time = el("time", { datetime: message.time }, timeLabel(message.time));
    who.appendChild(time);
    who.appendChild(document.createTextNode(": "));
    item.appendChild(who);
    var bubble = el("div", { "class": "bubble" });
    if (message.from === "bot") bubble.appendChild(renderMarkdown(message.text));
    else bubble.textContent = message.text;
    if (message.text) item.appendChild(bubble);
    if (message.status === "failed") item.appendChild(el("span", { "class": "status" }, t("not_sent")));
    if (message.buttons && message.buttons.length) {
      var group = el("div", { "class": "choices", role: "group", "aria-label": t("choices") });
      message.buttons.forEach(function (button) {
        var b = el("button", { type: "button", "class": "choice" }, button.title);
        b.addEventListener("click", function () { send(button.payload, button.title); });
        group.appendChild(b);
      });
      item.appendChild(group);
    }
    if (message.download) {
      var download = el("button", { type: "button", "class": "choice download" }, t("download", { filename: message.download.filename }));
      download.addEventListener("click", function () { saveFile(message.download); });
      item.appendChild(download);
    }
    if (message.feedback) item.appendChild(renderFeedback(message.feedback));
    return item;
  }

  var feedbackForms = 0;
  /** "Helpful? Yes / No" under an answer, and after a No an optional "what was missing?": part of
   *  the answer, not a new message. A vote is kept with the conversation (bot/feedback.py). */
  function renderFeedback(feedback) {
    var box = el("div", { "class": "feedback", role: "group", "aria-label": t("feedback_group") });
    var status = el("p", { "class": "feedback-status", role: "status" });
    function thank(text) {
      while (box.firstChild) box.removeChild(box.firstChild);
      box.appendChild(status);
      status.textContent = text;
    }
    function vote(helpful, comment) {
      var forState = state;
      var body = { sender: state.sender, entry: feedback.entry, helpful: helpful };
      if (comment) body.comment = comment;
      return request(config.feedbackUrl, JSON.stringify(body)).then(function (result) {
        if (state !== forState) return false;
        if (result.status !== 200) {
          status.textContent = t("feedback_failed");
          return false;
        }
        feedback.given = comment ? "commented" : helpful ? "yes" : "no";
        saveState();
        return true;
      });
    }
    function askWhatWasMissing() {
      while (box.firstChild) box.removeChild(box.firstChild);
      var id = "feedback-" + (++feedbackForms);
      var missing = el("form", { "class": "feedback-missing" });
      missing.appendChild(el("label", { "for": id }, t("feedback_missing")));
      var field = el("textarea", { id: id, rows: "2", maxlength: "500", autocomplete: "off" }); // MAX_COMMENT_CHARS, compact/feedback.py
      var row = el("div", { "class": "feedback-row" });
      var sendIt = el("button", { type: "submit", "class": "choice" }, t("feedback_send"));
      var skip = el("button", { type: "button", "class": "choice" }, t("feedback_skip"));
      row.appendChild(sendIt);
      row.appendChild(skip);
      missing.appendChild(field);
      missing.appendChild(row);
      box.appendChild(missing);
      box.appendChild(status);
      status.textContent = t("feedback_noted");
      missing.addEventListener("submit", function (event) {
        event.preventDefault();
        var comment = field.value.trim();
        if (!comment) { thank(t("feedback_thanks")); return; }
        vote(false, comment).then(function (kept) { if (kept) thank(t("feedback_thanks")); });
      });
      skip.addEventListener("click", function () { thank(t("feedback_thanks")); input.focus(); });
      field.focus();
    }
    if (feedback.given) {
      thank(t("feedback_thanks"));
      return box;
    }
    box.appendChild(el("span", { "class": "feedback-question", "aria-hidden": "true" }, t("feedback_question")));
    var yes = el("button", { type: "button", "class": "feedback-button" }, t("feedback_yes"));
    var no = el("button", { type: "button", "class": "feedback-button" }, t("feedback_no"));
    yes.setAttribute("aria-label", t("feedback_yes_label"));
    no.setAttribute("aria-label", t("feedback_no_label"));
    yes.addEventListener("click", function () {
      vote(true).then(function (kept) { if (kept) { thank(t("feedback_thanks")); input.focus(); } });
    });
    no.addEventListener("click", function () {
      vote(false).then(function (kept) { if (kept) askWhatWasMissing(); });
    });
    box.appendChild(yes);
    box.appendChild(no);
    box.appendChild(status);
    return box;
  }

  function saveFile(file) {
    var blob = new Blob([file.content], { type: file.mime_type || "text/plain" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = file.filename || "message.txt";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function redraw() {
    log.textContent = "";
    state.messages.forEach(function (m) {
      if (m.text || m.buttons || m.download) log.appendChild(renderMessage(m, false));
    });
    var failed = lastFailed();
    showAlert(failed ? failed.failure : "", !!failed);
  }

  function lastFailed() {
    var last = state.messages[state.messages.length - 1];
    return last && last.from === "user" && last.status !== "sent" ? last : null;
  }

  function showAlert(text, withRetry) {
    alertBox.textContent = "";
    if (!text) return;
    alertBox.appendChild(el("p", {}, text));
    if (withRetry) {
      var retry = el("button", { type: "button", "class": "retry" }, t("retry"));
      retry.addEventListener("click", function () {
        var failed = lastFailed();
        input.focus(); // the Retry button is about to go
        if (failed) deliver(failed, true);
      });
      alertBox.appendChild(retry);
    }
  }

  function scrollToShow(node) {
    var top = node.offsetTop - 8; // .log is the offset parent
    log.scrollTop = Math.max(0, Math.min(top, log.scrollHeight));
  }

  function setBusy(value) {
    busy = value;
    sendButton.setAttribute("aria-disabled", value ? "true" : "false");
    typing.textContent = "";
    if (value) {
      typing.appendChild(el("span", { "class": "visually-hidden" }, t("typing")));
      for (var i = 0; i < 3; i++) typing.appendChild(el("span", { "class": "dot", "aria-hidden": "true" }));
    }
  }

  function botMessages(answer) {
    var now = new Date().toISOString();
    return (Array.isArray(answer) ? answer : []).map(function (m) {
      var message = { from: "bot", text: typeof m.text === "string" ? m.text : "", time: now };
      if (Array.isArray(m.buttons)) {
        message.buttons = m.buttons.filter(function (b) { return b && typeof b.title === "string" && typeof b.payload === "string"; })
          .map(function (b) { return { title: b.title, payload: b.payload }; });
      }
      var custom = m.custom;
      if (custom && custom.type === "download" && typeof custom.content === "string") {
        message.download = { filename: String(custom.filename || "message.txt"), mime_type: "text/plain", content: custom.content };
      }
      if (m.feedback && typeof m.feedback.entry === "string" && message.text) message.feedback = { entry: m.feedback.entry };
      return message;
    }).filter(function (m) { return m.text || (m.buttons && m.buttons.length) || m.download; });
  }

  /** POST to the assistant; resolves to {status, body} (status 0: no answer). Never rejects. */
  function request(url, body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, config.timeoutMs);
    return fetch(url, {
      method: "POST",
      // A "simple" cross-origin request: no preflight round trip on slow connections.
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
      body: body,
      signal: controller ? controller.signal : undefined,
      credentials: "omit"
    }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (json) { return { status: res.status, body: json }; });
    }, function () {
      return { status: 0, body: null };
    }).then(function (result) {
      clearTimeout(timer);
      return result;
    });
  }

  /** The server issues each conversation's id (nobody can choose or guess another's). */
  var starting = null;
  function startConversation(forState) {
    if (!starting) {
      starting = request(config.conversationUrl, "").then(function (result) {
        starting = null;
        if (result.status === 201 && result.body && typeof result.body.conversation === "string" && state === forState) {
          state.sender = result.body.conversation;
          saveState();
        }
        return result;
      });
    }
    return starting;
  }

  /** POST one message in this conversation, starting it first if need be; resolves to {status, body}. */
  function post(message, retried) {
    var forState = state;
    var ready = state.sender ? Promise.resolve(null) : startConversation(forState);
    return ready.then(function (started) {
      if (state !== forState) return { status: 0, body: null }; // "Start again" was chosen meanwhile
      if (!state.sender) return started; // it could not start: that answer says why
      return request(config.endpoint, JSON.stringify({ sender: state.sender, message: message })).then(function (result) {
        if (result.status === 401 && !retried && state === forState) {
          state.sender = ""; // not an id this server knows (its secret changed): start a new conversation
          return post(message, true);
        }
        return result;
      });
    });
  }

  /** Send a user message (already in the transcript) and show the answer or what went wrong. */
  function deliver(message, isRetry) {
    if (busy) return;
    setBusy(true);
    showAlert("", false);
    message.status = "sending";
    saveState();
    if (isRetry) redraw();
    var current = state;
    post(message.payload).then(function (result) {
      if (state !== current) return; // "Start again" was chosen while waiting
      setBusy(false);
      var answered = result.status === 200 && Array.isArray(result.body);
      if (!answered) {
        var apology = result.status === 503 && Array.isArray(result.body) && result.body[0] && result.body[0].text;
        message.status = "failed";
        message.failure = apology || failureText(result.status, result.body && result.body.error);
        saveState();
        redraw();
        return;
      }
      message.status = "sent";
      delete message.failure;
      var replies = botMessages(result.body);
      state.messages = state.messages.concat(replies);
      saveState();
      if (isRetry) redraw();
      var first = null;
      replies.forEach(function (reply) {
        var node = log.appendChild(renderMessage(reply, true));
        first = first || node;
      });
      if (first) scrollToShow(first);
    });
  }

  /** What the user typed or chose: `payload` goes to the bot, `shown` into the transcript. */
  function send(payload, shown) {
    if (busy || !payload.trim()) return;
    var message = { from: "user", text: shown || payload, payload: payload, time: new Date().toISOString(), status: "sending" };
    if (shown === null) message.text = ""; // silent: the opening greeting
    state.messages.push(message);
    if (message.text) {
      log.appendChild(renderMessage(message, false));
      log.scrollTop = log.scrollHeight;
    }
    deliver(message, false);
    if (root.activeElement && root.activeElement.classList.contains("choice")) input.focus();
  }

  function greet() {
    if (state.messages.length) return;
    if (config.greeting) {
      state.messages.push({ from: "bot", text: config.greeting, time: new Date().toISOString() });
      saveState();
      redraw();
    } else {
      send("/greet", null);
    }
  }

  function resize() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 160) + "px";
  }

  function open(focus) {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    state.open = true;
    saveState();
    greet();
    log.scrollTop = log.scrollHeight;
    if (focus !== false) input.focus();
  }

  function closePanel(returnFocus) {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    state.open = false;
    saveState();
    if (returnFocus !== false) launcher.focus();
  }

  function startAgain() {
    state = { sender: "", open: true, draft: "", messages: [] };
    input.value = "";
    resize();
    setBusy(false);
    saveState();
    redraw();
    greet();
    input.focus();
  }

  launcher.addEventListener("click", function () { open(true); });
  close.addEventListener("click", function () { closePanel(true); });
  restart.addEventListener("click", startAgain);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    state.draft = "";
    resize();
    send(text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
  input.addEventListener("input", function () {
    state.draft = input.value;
    saveState();
    resize();
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.stopPropagation();
      closePanel(true);
    }
  });
  // Focus on the page must not disappear behind the widget (WCAG 2.4.11): a page element that
  // receives focus while entirely under the launcher or the panel is scrolled into view, and
  // Escape closes the panel while focus is on the page behind it, without moving focus.
  function onPage(target) { return target !== host && !host.contains(target); }
  document.addEventListener("focusin", function (event) {
    if (!onPage(event.target) || !event.target.getBoundingClientRect) return;
    var cover = (panel.hidden ? launcher : panel).getBoundingClientRect();
    var r = event.target.getBoundingClientRect();
    if (r.left >= cover.left && r.right <= cover.right && r.top >= cover.top && r.bottom <= cover.bottom) {
      event.target.scrollIntoView({ block: "center" });
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden && onPage(event.target)) closePanel(false);
  });

  /* ------------------------------------------------------------------ *
   * Start                                                               *
   * ------------------------------------------------------------------ */

  function mount() {
    document.body.appendChild(host);
    input.value = state.draft || "";
    redraw();
    if (state.open) open(false);
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);

  window.CompactAssistant = {
    version: VERSION,
    open: function () { open(true); },
    close: function () { closePanel(true); },
    startAgain: startAgain,
    internals: {
      safeUrl: safeUrl,
      parseMarkdown: parseMarkdown,
      renderMarkdown: renderMarkdown,
      contrastRatio: contrastRatio,
      themeFor: themeFor,
      failureText: failureText
    }
  };
})();
