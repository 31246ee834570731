tconst out = "x";
export default {
  // out: "./commented",
  "out": path.join(__dirname, `migrations/${env}`),
  dialect: "sqlite" /* turso */,
} satisfies Config;
