console.log("tickgate");
