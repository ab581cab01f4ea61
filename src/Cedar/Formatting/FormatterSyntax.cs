namespace Cedar.Formatting;

// The concrete syntax tree the formatter lays out: it keeps what the AST drops (parentheses, operator chains, literal
// text, token positions for comments). Start/End are the offsets of the node's first and last token.

internal abstract record SyntaxNode(int Start, int End);

internal sealed record IdentNode(string Text, int Start, int End) : SyntaxNode(Start, End);

internal sealed record AnnotationNode(IdentNode Key, IdentNode? Value, int Start, int End) : SyntaxNode(Start, End);

internal sealed record VariableNode(IdentNode Variable, AddNode? EntityType, string? Op, ExprNode? Rhs, int Start, int End) : SyntaxNode(Start, End);

internal sealed record ConditionNode(IdentNode Keyword, ExprNode? Body, int Start, int End) : SyntaxNode(Start, End);

internal sealed record PolicyNode(
    List<AnnotationNode> Annotations,
    IdentNode Effect,
    List<VariableNode> Variables,
    List<ConditionNode> Conditions,
    int Start,
    int End) : SyntaxNode(Start, End);

internal abstract record ExprNode(int Start, int End) : SyntaxNode(Start, End);

internal sealed record IfNode(ExprNode Condition, ExprNode Then, ExprNode Else, int Start, int End) : ExprNode(Start, End);

/// <summary>An <c>||</c> chain (<see cref="IsOr"/>) or an <c>&amp;&amp;</c> chain of one or more operands.</summary>
internal sealed record ChainNode(bool IsOr, List<ExprNode> Operands, int Start, int End) : ExprNode(Start, End);

internal sealed record RelationNode(AddNode Left, string? Op, AddNode? Right, int Start, int End) : ExprNode(Start, End);

internal sealed record HasLikeNode(AddNode Target, string Keyword, AddNode Operand, int Start, int End) : ExprNode(Start, End);

internal sealed record IsNode(AddNode Target, AddNode EntityType, AddNode? InEntity, int Start, int End) : ExprNode(Start, End);

/// <summary>A <c>+</c>/<c>-</c> chain, or a <c>*</c> chain, of one or more operands.</summary>
internal sealed record AddNode(bool IsMult, List<ExprNode> Operands, List<string> Ops, int Start, int End) : ExprNode(Start, End);

internal sealed record UnaryNode(string? Op, int Count, MemberNode Item, int Start, int End) : ExprNode(Start, End);

internal sealed record MemberNode(ExprNode Primary, List<AccessNode> Accesses, int Start, int End) : ExprNode(Start, End);

internal sealed record AccessNode(string Kind, IdentNode? Field, List<ExprNode> Arguments, int Start, int End) : SyntaxNode(Start, End);

/// <summary>A literal, a slot, or a name token kept as written (numbers normalised as Cedar prints them).</summary>
internal sealed record TokenNode(string Text, int Start, int End) : ExprNode(Start, End);

internal sealed record NameNode(List<IdentNode> Parts, int Start, int End) : ExprNode(Start, End);

internal sealed record RefNode(NameNode Path, IdentNode Id, int Start, int End) : ExprNode(Start, End);

internal sealed record ParenNode(ExprNode Inner, int Start, int End) : ExprNode(Start, End);

internal sealed record ListNode(List<ExprNode> Elements, int Start, int End) : ExprNode(Start, End);

internal sealed record RecordNode(List<(ExprNode Key, ExprNode Value)> Entries, int Start, int End) : ExprNode(Start, End);
