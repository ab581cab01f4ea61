namespace Cedar.Validation;

/// <summary>The names of validation findings, as Cedar names its <c>ValidationError</c> and <c>ValidationWarning</c> variants.</summary>
public static class ValidationKinds
{
    public const string UnrecognizedEntityType = nameof(UnrecognizedEntityType);
    public const string UnrecognizedActionId = nameof(UnrecognizedActionId);
    public const string InvalidActionApplication = nameof(InvalidActionApplication);
    public const string InvalidEnumEntity = nameof(InvalidEnumEntity);
    public const string UnexpectedType = nameof(UnexpectedType);
    public const string IncompatibleTypes = nameof(IncompatibleTypes);
    public const string UnsafeAttributeAccess = nameof(UnsafeAttributeAccess);
    public const string UnsafeOptionalAttributeAccess = nameof(UnsafeOptionalAttributeAccess);
    public const string UnsafeTagAccess = nameof(UnsafeTagAccess);
    public const string NoTagsAllowed = nameof(NoTagsAllowed);
    public const string UndefinedFunction = nameof(UndefinedFunction);
    public const string WrongNumberArguments = nameof(WrongNumberArguments);
    public const string FunctionArgumentValidation = nameof(FunctionArgumentValidation);
    public const string EmptySetForbidden = nameof(EmptySetForbidden);
    public const string NonLitExtConstructor = nameof(NonLitExtConstructor);
    public const string RecursionLimit = nameof(RecursionLimit);

    public const string ImpossiblePolicy = nameof(ImpossiblePolicy);
}
