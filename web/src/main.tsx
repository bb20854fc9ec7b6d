import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { AppProvider, makeQueryClient } from "./app/provider";
import { makeRouter } from "./app/router";
import "./index.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <AppProvider client={makeQueryClient()}>
      <RouterProvider router={makeRouter()} />
    </AppProvider>
  </StrictMode>,
);
