"""Public pages of positions: an actor's page. Accepted positions only; no curators' notes."""

PAGE_SIZE = 50
