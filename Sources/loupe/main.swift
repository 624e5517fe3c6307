print("loupe: under construction")
