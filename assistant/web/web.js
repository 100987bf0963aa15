// The chat's behaviour in the page: copy a citation or a whole answer, export the conversation as Markdown,
// open each new answer at its top, the outline drawer on a phone, and Chinese accessible names.
// One set of listeners for the whole page (answers arrive later); the chat sanitiser drops data-* attributes,
// so what is copied travels as hidden text inside each answer (.qa-cite, .qa-md).
(() => {
  if (window.__qaInstalled) return;
  window.__qaInstalled = true;

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (_) {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      let done = false;
      try { done = document.execCommand("copy"); } catch (_) { done = false; }
      area.remove();
      return done;
    }
  }

  async function copyFrom(button, source, label) {
    const done = await copyText(source ? source.textContent : "");
    button.textContent = done ? "已复制 ✓" : "复制失败，请手动选择原文";
    button.classList.toggle("qa-copied", done);
    window.setTimeout(() => { button.textContent = label; button.classList.remove("qa-copied"); }, 1800);
  }

  function conversationMarkdown() {
    const answers = [...document.querySelectorAll("#qa-chat .qa-md")].map((node) => node.textContent.trim());
    const when = new Date().toLocaleString("zh-CN", { hour12: false });
    return `# 讲话问答 · 对话记录\n\n导出于 ${when}\n\n${answers.join("\n\n")}\n`;
  }

  function download(name, text) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    window.setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function drawer(open) {
    document.body.classList.toggle("qa-drawer-open", open);
    document.querySelectorAll(".qa-drawer-open").forEach((b) => b.setAttribute("aria-expanded", String(open)));
  }

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const copy = target.closest(".qa-copy");
    if (copy) {
      event.preventDefault();
      copyFrom(copy, copy.closest(".qa-card")?.querySelector(".qa-cite"), "复制引文");
      return;
    }
    const whole = target.closest(".qa-copy-answer");
    if (whole) {
      event.preventDefault();
      copyFrom(whole, whole.closest(".qa-answer")?.querySelector(".qa-md"), "复制回答");
      return;
    }
    if (target.closest("#qa-export")) {
      download("讲话问答-对话记录.md", conversationMarkdown());
      return;
    }
    if (target.closest("button.qa-drawer-open")) { drawer(true); return; }
    if (target.closest(".qa-drawer-close")) { drawer(false); return; }
    const entry = target.closest("#qa-outline td, #qa-outline tr");
    if (entry && !entry.querySelector(".qa-toc-more")) drawer(false);  // the answer shows in the chat
  });

  // A new answer (or its pending line) opens at its top: the question, then the one-line answer and card 1.
  let seen = "";
  function openNewAnswer() {
    const questions = document.querySelectorAll("#qa-chat .qa-question");
    const bots = document.querySelectorAll("#qa-chat .qa-answer, #qa-chat .qa-pending, #qa-chat .qa-stopped");
    const last = bots[bots.length - 1];
    const key = `${questions.length}:${bots.length}:${last ? last.className : ""}`;
    if (key === seen) return;
    seen = key;
    const question = questions[questions.length - 1];
    if (question && last) showTop(question.closest(".message-row") || question);
    // how many answers the chat holds, once the newest is in view (browser tests wait on this, not on a timer)
    document.body.dataset.qaOpened = String(document.querySelectorAll("#qa-chat .qa-answer").length);
  }

  // Scroll the chat's own scroll box so ``row`` is at its top; the page moves only when the chat is out of view.
  function showTop(row) {
    let box = row.parentElement;
    while (box && box !== document.body) {
      const style = window.getComputedStyle(box).overflowY;
      if (box.scrollHeight > box.clientHeight + 2 && (style === "auto" || style === "scroll")) break;
      box = box.parentElement;
    }
    if (box && box !== document.body) box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top;
    const top = row.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.6) window.scrollBy(0, top - 8);
  }

  // Accessible names in Chinese, from what is shown: example chips, and messages labelled with their HTML.
  function name() {
    // Gradio marks the example chips' box role=list around plain buttons (an axe "critical"): a named group.
    document.querySelectorAll("#qa-chat .examples[role=list]").forEach((box) => {
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "示例问题");
    });
    document.querySelectorAll("#qa-chat button.example").forEach((chip) => {
      const text = chip.textContent.trim();
      if (text && chip.getAttribute("aria-label") !== `示例问题：${text}`) chip.setAttribute("aria-label", `示例问题：${text}`);
    });
    document.querySelectorAll("#qa-chat [aria-label]").forEach((node) => {
      const label = node.getAttribute("aria-label") || "";
      if (!label.includes("<")) return;
      const pending = node.querySelector(".qa-pending");
      const lead = node.querySelector(".qa-lead, .qa-refusal, .qa-question, .qa-stopped");
      const who = node.querySelector(".qa-question") ? "问题" : "回答";
      const text = (pending || lead || node).textContent.trim().replace(/\s+/g, " ").slice(0, 120);
      node.setAttribute("aria-label", `${who}：${text}`);
    });
  }

  function update() {
    document.body.classList.toggle("qa-busy", document.querySelector("#qa-chat .qa-pending") !== null);
    name();
    openNewAnswer();
  }

  let scheduled = false;
  new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(() => { scheduled = false; update(); });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label", "role"] });
})();
