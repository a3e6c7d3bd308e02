"""The anchor: a hello-world Textual app (Header, Static, Footer)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("hello world")
        yield Footer()


if __name__ == "__main__":
    Hello().run()
