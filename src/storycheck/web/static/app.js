// Opens a claim's chain of sources and its evidence status, by mouse or keyboard.
// The page works without it: the claims table below the story shows every chain.
(function () {
  "use strict";
  var holder = document.getElementById("chains");
  var panel = document.getElementById("chain");
  if (!holder || !panel) { return; }
  var claims = {};
  try { claims = JSON.parse(holder.textContent); } catch (e) { return; }
  var opener = null;

  function hands(claim) {
    if (!claim.chain.length) { return "the outlet's own voice"; }
    return claim.chain.map(function (link) { return link.who; }).join(" → ");
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function close() {
    if (panel.hidden) { return; }
    panel.hidden = true;
    document.querySelectorAll("[data-claim].open").forEach(function (s) { s.classList.remove("open"); });
    if (opener) { opener.focus(); }
  }

  function open(span) {
    var anchor = span.getAttribute("data-claim");
    var claim = claims[anchor];
    if (!claim) { return; }
    opener = span;
    document.querySelectorAll("[data-claim]").forEach(function (s) {
      s.classList.toggle("open", s.getAttribute("data-claim") === anchor);
    });
    panel.textContent = "";
    panel.appendChild(el("h2", "Claim and its chain of sources"));
    panel.appendChild(el("blockquote", claim.text));
    var status = el("p", "Evidence: ");
    status.appendChild(el("strong", claim.status, "status-" + claim.status));
    status.appendChild(document.createTextNode(" — " + claim.why));
    panel.appendChild(status);
    if (claim.anonymity) { panel.appendChild(el("p", "Rests on: " + claim.anonymity)); }
    var list = el("ol", null, "hands");
    if (!claim.chain.length) { list.appendChild(el("li", "the outlet's own voice")); }
    claim.chain.forEach(function (link) {
      var item = el("li");
      item.appendChild(el("strong", link.who));
      item.appendChild(document.createTextNode(" " + (link.how || "") + " "));
      if (link.anonymity) { item.appendChild(el("small", "(" + link.anonymity + ")")); }
      list.appendChild(item);
    });
    panel.appendChild(list);
    var row = el("a", "Show in the claims table");
    row.href = "#" + anchor;
    var button = el("button", "Close");
    button.type = "button";
    button.addEventListener("click", close);
    var actions = el("p");
    actions.appendChild(button);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(row);
    panel.appendChild(actions);
    panel.hidden = false;
    panel.focus();
  }

  var seen = {};
  document.querySelectorAll("[data-claim]").forEach(function (span) {
    var anchor = span.getAttribute("data-claim");
    var claim = claims[anchor];
    if (!claim) { return; }
    // One tab stop per claim, however many pieces its marks cut it into.
    span.tabIndex = seen[anchor] ? -1 : 0;
    seen[anchor] = true;
    span.setAttribute("role", "button");
    span.setAttribute("aria-controls", "chain");
    span.title = "evidence " + claim.status + " · " + hands(claim);
    span.addEventListener("click", function () { open(span); });
    span.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); open(span); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); }
  });
}());
