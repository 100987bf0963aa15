// Copy-citation buttons inside chat answers: one listener for the whole page (answers arrive later).
(() => {
  if (window.__qaCopyInstalled) return;
  window.__qaCopyInstalled = true;
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
  document.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest(".qa-copy") : null;
    if (!button) return;
    event.preventDefault();
    // The chat sanitiser drops data-* attributes, so the citation travels as hidden text in the card.
    const source = button.closest(".qa-card")?.querySelector(".qa-cite");
    const done = await copyText(source ? source.textContent : "");
    button.textContent = done ? "已复制 ✓" : "复制失败，请手动选择原文";
    button.classList.toggle("qa-copied", done);
    window.setTimeout(() => { button.textContent = "复制引文"; button.classList.remove("qa-copied"); }, 1800);
  });
})();
