// Starts Swagger UI from a file rather than an inline script, which the CSP forbids.
(function () {
  var node = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: node.dataset.specUrl, dom_id: "#swagger-ui" });
})();
