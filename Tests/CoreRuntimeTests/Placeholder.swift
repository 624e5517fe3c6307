// placeholder: CoreRuntime tests go here (a test target without sources does not build).
