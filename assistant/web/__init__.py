"""The browser chat (Gradio), its CSS and JS."""
