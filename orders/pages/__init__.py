"""Storefront pages for the cart, checkout, orders and accounts (thin views)."""
