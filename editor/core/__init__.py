"""The headless core of Feuillet: storage, rendering and export, free of Qt."""
