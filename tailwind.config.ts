import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { 50: "#eef6f5", 100: "#d5ebe8", 600: "#1f6f68", 700: "#195a55", 800: "#14473f" },
      },
    },
  },
  plugins: [],
} satisfies Config;
