"""OpenID Connect single sign-on for staff (authorization code flow with PKCE).

``client`` speaks the protocol (discovery, keys, tokens, userinfo), ``users``
turns verified claims into a Smart Corner account, and the views in
``accounts.views.oidc`` tie them to the session.
"""
