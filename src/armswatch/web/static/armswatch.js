// armswatch dashboard: progressive enhancement only; every page works without it.
"use strict";
(function () {
  // Findings: a click anywhere on a row opens its incident (the rule cell is the link).
  document.querySelectorAll("tr.finding[data-href]").forEach(function (row) {
    row.addEventListener("click", function (event) {
      if (event.target.closest("a")) return;
      window.location.assign(row.getAttribute("data-href"));
    });
  });
  // Network: hovering a node highlights its edges and neighbours.
  var svg = document.getElementById("network");
  if (svg) {
    svg.querySelectorAll("g.node").forEach(function (node) {
      var id = node.getAttribute("data-id");
      node.addEventListener("mouseenter", function () {
        svg.classList.add("focus");
        svg.querySelectorAll("path.edge").forEach(function (edge) {
          var source = edge.getAttribute("data-source"), target = edge.getAttribute("data-target");
          if (source === id || target === id) {
            edge.classList.add("on");
            svg.querySelectorAll("g.node").forEach(function (other) {
              var oid = other.getAttribute("data-id");
              if (oid === source || oid === target) other.classList.add("on");
            });
          }
        });
      });
      node.addEventListener("mouseleave", function () {
        svg.classList.remove("focus");
        svg.querySelectorAll(".on").forEach(function (el) { el.classList.remove("on"); });
      });
    });
  }
  // Stories: scroll each article box to its first marked evidence sentence.
  document.querySelectorAll("figure.article .text").forEach(function (box) {
    var mark = box.querySelector("mark.evidence, mark.trigger");
    if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 40);
  });
  // Filters: drop empty fields so shared links stay short.
  var form = document.getElementById("filters");
  if (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (field) {
        if (field.value === "" && field.name) field.disabled = true;
      });
    });
  }
})();
