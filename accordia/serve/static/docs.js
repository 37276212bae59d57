// Starts Swagger UI on /api/docs from a file of our own, so the page needs no inline script.
window.SwaggerUIBundle({ url: "openapi.json", dom_id: "#docs", deepLinking: true });
