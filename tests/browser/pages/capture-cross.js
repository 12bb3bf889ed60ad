// Served from a second origin without CORS headers: the page sees only "Script error.".
throw new Error('secret detail from another origin');
